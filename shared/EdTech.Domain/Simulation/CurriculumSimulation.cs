namespace EdTech.Domain.Simulation;

/// <summary>
/// The whole pipeline for callers that do not fan out: validate the change, apply it, simulate every student, summarise.
/// A durable orchestration does the same in steps: <see cref="Prepare"/> in one activity, <see cref="SimulationPlan.Run"/>
/// per chunk in parallel activities (each activity rebuilds the plan from the same inputs), then
/// <see cref="SimulationTally.Combine"/> and <see cref="SimulationPlan.Summarise"/>.
/// </summary>
public static class CurriculumSimulation
{
    public const int MaxStudents = 200_000;

    /// <returns>The plan and warnings, or the problems (unknown ids and others) when the change cannot run.</returns>
    public static PreparedSimulation Prepare(CourseModel model, CourseChange change, SimulationPriors priors, IReadOnlyList<ParameterDraw>? draws = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(priors);
        var problems = CourseChangeValidator.Validate(model, change);
        if (!problems.IsEmpty)
        {
            return new PreparedSimulation(null, problems, []);
        }

        var proposal = CourseChangeApplier.Apply(model, change, priors);
        var warnings = (change.AddItems ?? [])
            .Select(a => $"item {a.Id}: new item, discrimination prior {priors.Discrimination} used")
            .ToList();
        warnings.Add(draws is { Count: > 1 }
            ? $"intervals include calibration uncertainty over {draws.Count} parameter draws"
            : "intervals show simulation noise only: no parameter draws, calibration uncertainty is not included");
        return new PreparedSimulation(new SimulationPlan(model, proposal, draws), problems, warnings);
    }

    public static SimulationSummary Simulate(SimulationPlan plan, int students, long seed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(students, MaxStudents);
        ArgumentOutOfRangeException.ThrowIfLessThan(students, 2 * plan.Draws);
        return plan.Summarise(plan.RunParallel(seed, students));
    }
}

/// <summary>A runnable plan (when <see cref="Problems"/> is empty) and the warnings to show with its result.</summary>
public sealed record PreparedSimulation(SimulationPlan? Plan, ChangeProblems Problems, IReadOnlyList<string> Warnings);
