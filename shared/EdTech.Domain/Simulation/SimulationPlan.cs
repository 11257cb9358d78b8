using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;

namespace EdTech.Domain.Simulation;

/// <summary>
/// A validated baseline/proposal pair compiled for simulation. <see cref="Run"/> simulates students [from, to) and returns
/// integer sums, so a durable fan-out can split the students into chunks in any way and
/// <see cref="SimulationTally.Combine"/> gives exactly the one-run totals; <see cref="Summarise"/> turns totals into figures.
/// Student s uses parameter draw s mod <see cref="Draws"/>. Pure and thread-safe after construction.
/// </summary>
public sealed class SimulationPlan
{
    private readonly CompiledVariant baseline;
    private readonly CompiledVariant proposal;
    private readonly DrawParameters[] draws;
    private readonly ulong[] itemKeys;
    private readonly int[][] itemSkills;
    private readonly ulong[] skillKeys;
    private readonly double masteryEffect;
    private readonly double prerequisitePenalty;
    private readonly IReadOnlyList<double>? abilities;

    public SimulationPlan(CourseModel baselineModel, CourseModel proposalModel, IReadOnlyList<ParameterDraw>? parameterDraws = null)
    {
        ArgumentNullException.ThrowIfNull(baselineModel);
        ArgumentNullException.ThrowIfNull(proposalModel);
        SkillIds = baselineModel.Skills.Select(s => s.Id).ToArray();
        var skillIndex = SkillIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        CheckConsistent(baselineModel, skillIndex);
        CheckConsistent(proposalModel, skillIndex);
        var union = baselineModel.Items.Concat(proposalModel.Items)
            .DistinctBy(i => i.Id, StringComparer.Ordinal).ToArray();
        var unionIds = union.Select(i => i.Id).ToArray();
        baseline = new CompiledVariant(baselineModel, unionIds, skillIndex);
        proposal = new CompiledVariant(proposalModel, unionIds, skillIndex);
        itemKeys = union.Select(i => StudentStream.KeyOf(i.Id)).ToArray();
        itemSkills = union.Select(i => i.Skills.Select(s => skillIndex[s]).Distinct().ToArray()).ToArray();
        skillKeys = SkillIds.Select(StudentStream.KeyOf).ToArray();
        draws = parameterDraws is { Count: > 0 }
            ? parameterDraws.Select(d => new DrawParameters(union, baselineModel.Skills, d)).ToArray()
            : [new DrawParameters(union, baselineModel.Skills, null)];
        (masteryEffect, prerequisitePenalty, abilities) = (baselineModel.MasteryEffect, baselineModel.PrerequisitePenalty, baselineModel.Abilities);
        if (abilities is { Count: 0 })
        {
            throw new ArgumentException("Abilities, when given, must not be empty.", nameof(baselineModel));
        }
    }

    public IReadOnlyList<string> SkillIds { get; }

    public int Draws => draws.Length;

    public int Outcomes => 2 + (2 * SkillIds.Count);

    public SimulationTally Run(long seed, int from, int to)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfLessThan(to, from);
        var tally = SimulationTally.Empty(Draws, Outcomes);
        var students = (long[])tally.Students;
        var sums = (long[])tally.Sums;
        var student = new StudentSimulator(this);
        for (var s = from; s < to; s++)
        {
            var draw = s % draws.Length;
            student.Simulate(new StudentStream(seed, s), draws[draw]);
            students[draw]++;
            var offset = draw * Outcomes * SimulationTally.SumsPerOutcome;
            for (var o = 0; o < Outcomes; o++)
            {
                long b = student.BaselineOutcomes[o], p = student.ProposalOutcomes[o];
                var at = offset + (o * SimulationTally.SumsPerOutcome);
                sums[at] += b;
                sums[at + 1] += p;
                sums[at + 2] += b * b;
                sums[at + 3] += p * p;
                sums[at + 4] += b * p;
            }
        }

        return tally;
    }

    /// <summary>All students in chunks of <paramref name="chunkSize"/> on the thread pool; the same totals as one <see cref="Run"/>.</summary>
    public SimulationTally RunParallel(long seed, int students, int chunkSize = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(students);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        var chunks = new SimulationTally[(students + chunkSize - 1) / chunkSize];
        Parallel.For(0, chunks.Length, c => chunks[c] = Run(seed, c * chunkSize, Math.Min(students, (c + 1) * chunkSize)));
        return SimulationTally.Combine(chunks);
    }

    public SimulationSummary Summarise(SimulationTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        if (tally.Draws != Draws || tally.Outcomes != Outcomes)
        {
            throw new ArgumentException("The tally is not from this plan.", nameof(tally));
        }

        return SimulationSummary.From(tally, SkillIds, 1.0 / Math.Max(1, baseline.ItemCount), 1.0 / Math.Max(1, proposal.ItemCount));
    }

    private static void CheckConsistent(CourseModel model, Dictionary<string, int> skills)
    {
        var named = model.Items.SelectMany(i => i.Skills).Concat(model.Modules.SelectMany(m => m.Skills))
            .Concat(model.Prerequisites.Keys).Concat(model.Prerequisites.Values.SelectMany(v => v))
            .Concat(model.Skills.Select(s => s.Id));
        var unknown = named.Where(s => !skills.ContainsKey(s)).Distinct(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0 || model.Skills.Count != skills.Count)
        {
            throw new ArgumentException($"Both models must have the same skills; unknown: {string.Join(", ", unknown)}.", nameof(model));
        }
    }

    /// <summary>Per-thread scratch for one student at a time: no allocation per student or per answer.</summary>
    private sealed class StudentSimulator(SimulationPlan plan)
    {
        private readonly bool[] knownBaseline = new bool[plan.SkillIds.Count];
        private readonly bool[] knownProposal = new bool[plan.SkillIds.Count];

        public long[] BaselineOutcomes { get; } = new long[plan.Outcomes];

        public long[] ProposalOutcomes { get; } = new long[plan.Outcomes];

        public void Simulate(StudentStream stream, DrawParameters parameters)
        {
            var theta = plan.abilities is { } pool
                ? pool[Math.Min(pool.Count - 1, (int)(stream.Uniform(DrawPurpose.Ability, 1, 0) * pool.Count))]
                : stream.Normal(DrawPurpose.Ability);
            Practise(stream, parameters, plan.baseline, knownBaseline, BaselineOutcomes);
            Practise(stream, parameters, plan.proposal, knownProposal, ProposalOutcomes);
            Answer(stream, parameters, theta);
        }

        private void Practise(StudentStream stream, DrawParameters parameters, CompiledVariant variant, bool[] known, long[] outcomes)
        {
            var skills = parameters.Skills;
            for (var s = 0; s < known.Length; s++)
            {
                known[s] = stream.Uniform(DrawPurpose.KnownAtStart, plan.skillKeys[s], 0) < skills[s].PInit;
            }

            foreach (var s in variant.Order)
            {
                var p = skills[s];
                var learn = p.PLearn;
                foreach (var required in variant.Requires[s])
                {
                    if (!known[required])
                    {
                        learn *= 1 - plan.prerequisitePenalty;
                        break;
                    }
                }

                var estimate = p.PInit;
                var used = 0;
                while (used < variant.Practice[s] && estimate < variant.Threshold)
                {
                    var right = known[s]
                        ? stream.Uniform(DrawPurpose.PracticeAnswer, plan.skillKeys[s], used) >= p.PSlip
                        : stream.Uniform(DrawPurpose.PracticeAnswer, plan.skillKeys[s], used) < p.PGuess;
                    estimate = Bkt.Observe(estimate, right, p);
                    known[s] = known[s] || stream.Uniform(DrawPurpose.Learning, plan.skillKeys[s], used) < learn;
                    used++;
                }

                outcomes[2 + (2 * s)] = estimate >= variant.Threshold ? 1 : 0;
                outcomes[3 + (2 * s)] = used;
            }
        }

        private void Answer(StudentStream stream, DrawParameters parameters, double theta)
        {
            int rightBaseline = 0, rightProposal = 0;
            for (var i = 0; i < plan.itemKeys.Length; i++)
            {
                var u = stream.Uniform(DrawPurpose.ItemAnswer, plan.itemKeys[i], 0);
                double a = parameters.Discrimination[i], b = parameters.Difficulty[i];
                if (plan.baseline.Includes[i] && u < Logistic.Sigmoid(a * (theta - b)))
                {
                    rightBaseline++;
                }

                if (plan.proposal.Includes[i])
                {
                    var shift = plan.masteryEffect * KnownShareChange(plan.itemSkills[i]);
                    if (u < Logistic.Sigmoid(a * (theta + shift - b)))
                    {
                        rightProposal++;
                    }
                }
            }

            (BaselineOutcomes[0], BaselineOutcomes[1]) = (rightBaseline >= plan.baseline.MinCorrect ? 1 : 0, rightBaseline);
            (ProposalOutcomes[0], ProposalOutcomes[1]) = (rightProposal >= plan.proposal.MinCorrect ? 1 : 0, rightProposal);
        }

        private double KnownShareChange(int[] skills)
        {
            if (skills.Length == 0)
            {
                return 0;
            }

            var change = 0;
            foreach (var s in skills)
            {
                change += (knownProposal[s] ? 1 : 0) - (knownBaseline[s] ? 1 : 0);
            }

            return (double)change / skills.Length;
        }
    }
}
