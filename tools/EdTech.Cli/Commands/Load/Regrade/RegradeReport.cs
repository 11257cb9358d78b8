using System.Text.Json;

namespace EdTech.Cli.Commands.Load.Regrade;

/// <summary>The regrade benchmark's outcome, printed as one JSON object.</summary>
public sealed record RegradeReport(
    string Tenant,
    string AssessmentId,
    int Submissions,
    int Students,
    int Seeded,
    int SeedErrors,
    double SeedSeconds,
    int GradedBeforeEdit,
    int Version,
    double EditRequestMs,
    int Regraded,
    int Pending,
    bool TimedOut,
    double? SecondsUntilAllRegraded,
    double? RegradedPerSecond,
    int PollErrors,
    int ScoreMismatchesBeforeEdit,
    double TargetSeconds)
{
    private static readonly JsonSerializerOptions Indented = new(LoadApi.Json) { WriteIndented = true };

    public bool Passed => SeedErrors == 0 && PollErrors == 0 && ScoreMismatchesBeforeEdit == 0 && !TimedOut && Regraded == Submissions;

    public bool WithinTarget => Passed && SecondsUntilAllRegraded <= TargetSeconds;

    public void Print(TextWriter writer) =>
        writer.WriteLine(JsonSerializer.Serialize(this, Indented));
}
