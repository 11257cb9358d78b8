using EdTech.Domain.Simulation;

namespace EdTech.Cli.Commands.Evaluate;

/// <summary>
/// `edtech evaluate simulation`: generate logs from a known course (<see cref="SimulationTruth"/>), calibrate them (point
/// fit plus <see cref="BootstrapDraws"/> bootstrap refits), simulate two known changes on the calibrated course, and check
/// whether each 95% interval covers the TRUE effect: the same change simulated on the true course with
/// <see cref="TruthStudents"/> students (its own Monte Carlo half-width is reported and is far smaller than the intervals).
/// For comparison, each metric also gets the interval without parameter draws (the point fit, simulation noise only).
/// </summary>
public static class SimulationEvaluation
{
    public const int CalibrationStudents = 1000;
    public const int BootstrapDraws = 20;
    public const int SimulatedStudents = 40_000;
    public const int TruthStudents = 400_000;

    public static SimulationEvaluationReport Run(int seed, SimulationEvaluationSize? size = null)
    {
        size ??= SimulationEvaluationSize.Full;
        var data = new Synthetic(seed);
        var truth = SimulationTruth.Course(data);
        var logs = SimulationTruth.Generate(truth, size.CalibrationStudents, data);
        var fitted = SimulationCalibration.Apply(truth, SimulationCalibration.Fit(truth, logs, SimulationCalibration.Everyone(logs.Length)));
        var draws = Enumerable.Range(0, size.BootstrapDraws)
            .Select(_ => SimulationCalibration.Fit(truth, logs, SimulationCalibration.Resample(logs.Length, data)))
            .ToArray();

        var scenarios = Scenarios(fitted).Select(s =>
        {
            var estimate = Simulate(fitted, s.Change, draws, size.SimulatedStudents, seed);
            var noiseOnly = Simulate(fitted, s.Change, null, size.SimulatedStudents, seed);
            var exact = Simulate(truth, s.Change, null, size.TruthStudents, seed + 1_000_003L);
            return new ScenarioReport(s.Name, s.Description, s.Metrics.Select(m => Compare(m, estimate, noiseOnly, exact)).ToArray());
        }).ToArray();
        return new SimulationEvaluationReport(
            seed, size.CalibrationStudents, size.BootstrapDraws, size.SimulatedStudents, size.TruthStudents, scenarios,
            scenarios.All(s => s.Metrics.All(m => m.Covered)));
    }

    /// <summary>Remove the two items calibration finds hardest; add 8 practice opportunities to the skill it finds slowest to learn.</summary>
    private static IEnumerable<(string Name, string Description, string[] Metrics, CourseChange Change)> Scenarios(CourseModel fitted)
    {
        var hardest = fitted.Items.OrderByDescending(i => i.Parameters.Difficulty).Take(2).Select(i => i.Id).ToArray();
        yield return ("removeHardest", $"remove {string.Join(", ", hardest)}", ["passRate", "meanScore"], new CourseChange(RemoveItems: hardest));
        var slowest = fitted.Skills.MinBy(s => s.Parameters.PLearn)!;
        yield return (
            "morePractice",
            $"practice on {slowest.Id} from {slowest.Practice} to {slowest.Practice + 8}",
            ["passRate", "meanScore", $"mastery.{slowest.Id}"],
            new CourseChange(PracticePerSkill: new Dictionary<string, int> { [slowest.Id] = slowest.Practice + 8 }));
    }

    private static SimulationSummary Simulate(CourseModel model, CourseChange change, IReadOnlyList<ParameterDraw>? draws, int students, long seed)
    {
        var prepared = CurriculumSimulation.Prepare(model, change, SimulationPriors.Default, draws);
        return prepared.Plan is { } plan
            ? plan.Summarise(plan.RunParallel(seed, students))
            : throw new InvalidOperationException($"The evaluation's change is invalid: {string.Join("; ", prepared.Problems.Errors)}");
    }

    private static MetricReport Compare(string metric, SimulationSummary estimate, SimulationSummary noiseOnly, SimulationSummary truth)
    {
        static Estimate Pick(SimulationFigures f, string metric) => metric switch
        {
            "passRate" => f.PassRate,
            "meanScore" => f.MeanScore,
            _ => f.Mastery[metric["mastery.".Length..]],
        };

        static IntervalReport Interval(Estimate e) => new(R(e.Mean), [R(e.Low), R(e.High)]);
        var t = Pick(truth.Delta, metric);
        return MetricReport.Of(metric, Interval(Pick(estimate.Delta, metric)), Interval(Pick(noiseOnly.Delta, metric)), new TruthReport(R(t.Mean), R((t.High - t.Low) / 2)));
    }

    private static double R(double x) => Math.Round(x, 5);
}

/// <summary>Sizes of one evaluation run; tests use <see cref="Small"/>.</summary>
public sealed record SimulationEvaluationSize(int CalibrationStudents, int BootstrapDraws, int SimulatedStudents, int TruthStudents)
{
    public static SimulationEvaluationSize Full { get; } = new(
        SimulationEvaluation.CalibrationStudents, SimulationEvaluation.BootstrapDraws, SimulationEvaluation.SimulatedStudents, SimulationEvaluation.TruthStudents);

    public static SimulationEvaluationSize Small { get; } = new(300, 5, 2000, 20_000);
}
