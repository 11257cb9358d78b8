using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;
using EdTech.Domain.Learning.IrtModel;
using EdTech.Domain.Simulation;

namespace EdTech.Cli.Commands.Evaluate;

/// <summary>
/// The known course behind `edtech evaluate simulation`, and students' data generated from it with <see cref="Synthetic"/>
/// (System.Random, independent of the engine's own random streams and of its code): 6 skills in 3 modules with three
/// prerequisites (one of them in an earlier module), BKT per skill in the ranges of <see cref="BktEvaluation"/>, 8 practice
/// opportunities per skill, mastery threshold 0.95; 40 items (every fourth with a second skill), ln a ~ N(0, 0.3²), b ~ N(0, 1).
/// </summary>
public static class SimulationTruth
{
    public const int Skills = 6;
    public const int Items = 40;
    public const int Practice = 8;

    public static CourseModel Course(Synthetic data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var skills = Enumerable.Range(0, Skills)
            .Select(s => new SimulatedSkill(
                $"s{s}",
                new BktParameters(data.Uniform(0.2, 0.5), data.Uniform(0.05, 0.25), data.Uniform(0.05, 0.15), data.Uniform(0.1, 0.3)),
                Practice))
            .ToArray();
        var items = Enumerable.Range(0, Items)
            .Select(i => new SimulatedItem(
                $"exam/q{i:00}",
                i % 4 == 0 ? [$"s{i % Skills}", $"s{(i + 1) % Skills}"] : [$"s{i % Skills}"],
                new IrtItem(Math.Exp(0.3 * data.Normal()), data.Normal())))
            .ToArray();
        return new CourseModel(
            items,
            skills,
            new Dictionary<string, IReadOnlyList<string>> { ["s1"] = ["s0"], ["s3"] = ["s1"], ["s5"] = ["s2"] },
            [new CourseModule("m0", ["s0", "s1"]), new CourseModule("m1", ["s2", "s3"]), new CourseModule("m2", ["s4", "s5"])]);
    }

    /// <summary>
    /// What a course's logs would hold for <paramref name="students"/> students of the current curriculum: each skill's
    /// practice answers (stopping at the mastery estimate's threshold, as the engine does) and the final exam's answers.
    /// </summary>
    public static StudentData[] Generate(CourseModel course, int students, Synthetic data)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(data);
        var skillIndex = course.Skills.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var order = course.PracticeOrder().Select(s => skillIndex[s]).ToArray();
        return Enumerable.Range(0, students).Select(_ => Student(course, skillIndex, order, data)).ToArray();
    }

    private static StudentData Student(CourseModel course, Dictionary<string, int> skillIndex, int[] order, Synthetic data)
    {
        var theta = data.Normal();
        var known = course.Skills.Select(s => data.Bernoulli(s.Parameters.PInit)).ToArray();
        var practice = new bool[course.Skills.Count][];
        foreach (var s in order)
        {
            var skill = course.Skills[s];
            var p = skill.Parameters;
            var prerequisitesKnown = (course.Prerequisites.GetValueOrDefault(skill.Id) ?? []).All(r => known[skillIndex[r]]);
            var learn = p.PLearn * (prerequisitesKnown ? 1 : 1 - course.PrerequisitePenalty);
            var answers = new List<bool>();
            var estimate = p.PInit;
            while (answers.Count < skill.Practice && estimate < course.MasteryThreshold)
            {
                var right = data.Bernoulli(known[s] ? 1 - p.PSlip : p.PGuess);
                answers.Add(right);
                estimate = Bkt.Observe(estimate, right, p);
                known[s] = known[s] || data.Bernoulli(learn);
            }

            practice[s] = [.. answers];
        }

        // The calibrated 2PL describes the current curriculum, so mastery moves an answer only when a change moves mastery.
        var exam = course.Items.Select(i => data.Bernoulli(i.Parameters.Probability(theta))).ToArray();
        return new StudentData(practice, exam);
    }
}

/// <summary>One simulated student's logs: practice answers per skill (model order) and exam answers per item (model order).</summary>
public sealed record StudentData(IReadOnlyList<bool[]> Practice, IReadOnlyList<bool> Exam);
