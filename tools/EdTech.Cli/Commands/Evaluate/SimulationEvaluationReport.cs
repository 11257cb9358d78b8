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

/// <param name="Estimate">The calibrated simulation's proposal − baseline, with its 95% interval.</param>
/// <param name="Truth">The true course's proposal − baseline and its own Monte Carlo 95% half-width.</param>
public sealed record MetricReport(string Metric, IntervalReport Estimate, TruthReport Truth, bool Covered);

public sealed record IntervalReport(double Mean, IReadOnlyList<double> Ci95);

public sealed record TruthReport(double Mean, double HalfWidth);

/// <summary>Several seeds: how many covered the truth, per scenario and metric, and every seed's report.</summary>
public sealed record SimulationCoverageReport(int From, int To, IReadOnlyDictionary<string, int> Covered, int AllCovered, IReadOnlyList<SimulationEvaluationReport> Runs);
