namespace EdTech.Cli.Commands.Evaluate;

/// <summary>One seed of `edtech evaluate simulation` (camel-cased JSON).</summary>
public sealed record SimulationEvaluationReport(
    int Seed,
    int CalibrationStudents,
    int BootstrapDraws,
    int SimulatedStudents,
    int TruthStudents,
    IReadOnlyList<ScenarioReport> Scenarios,
    bool AllCovered);

public sealed record ScenarioReport(string Name, string Change, IReadOnlyList<MetricReport> Metrics);

/// <param name="Estimate">The calibrated simulation's proposal − baseline with its 95% interval over the bootstrap draws.</param>
/// <param name="NoiseOnly">The same on the point fit alone: the interval shows simulation noise only.</param>
/// <param name="Truth">The true course's proposal − baseline and its own Monte Carlo 95% half-width.</param>
public sealed record MetricReport(string Metric, IntervalReport Estimate, IntervalReport NoiseOnly, TruthReport Truth, bool Covered, bool NoiseOnlyCovered)
{
    public static MetricReport Of(string metric, IntervalReport estimate, IntervalReport noiseOnly, TruthReport truth) =>
        new(metric, estimate, noiseOnly, truth, Covers(estimate, truth), Covers(noiseOnly, truth));

    private static bool Covers(IntervalReport interval, TruthReport truth) => interval.Ci95[0] <= truth.Mean && truth.Mean <= interval.Ci95[1];
}

public sealed record IntervalReport(double Mean, IReadOnlyList<double> Ci95);

public sealed record TruthReport(double Mean, double HalfWidth);

/// <summary>Several seeds: how many covered the truth, per scenario and metric, and every seed's report.</summary>
public sealed record SimulationCoverageReport(
    int From,
    int To,
    IReadOnlyDictionary<string, int> Covered,
    int AllCovered,
    IReadOnlyDictionary<string, int> NoiseOnlyCovered,
    IReadOnlyList<SimulationEvaluationReport> Runs)
{
    public static SimulationCoverageReport Of(int from, int to, IReadOnlyList<SimulationEvaluationReport> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return new SimulationCoverageReport(from, to, Count(runs, m => m.Covered), runs.Count(r => r.AllCovered), Count(runs, m => m.NoiseOnlyCovered), runs);
    }

    private static Dictionary<string, int> Count(IReadOnlyList<SimulationEvaluationReport> runs, Func<MetricReport, bool> covered) =>
        runs.SelectMany(r => r.Scenarios.SelectMany(s => s.Metrics.Select(m => (Key: KeyOf(s.Name, m.Metric), Covered: covered(m)))))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(x => x.Covered), StringComparer.Ordinal);

    // Mastery metrics name the skill, which differs per seed; the count is per kind of metric.
    private static string KeyOf(string scenario, string metric) =>
        $"{scenario}.{(metric.StartsWith("mastery.", StringComparison.Ordinal) ? "mastery" : metric)}";
}
