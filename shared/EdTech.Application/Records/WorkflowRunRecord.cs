using System.Globalization;
using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>
/// A durable workflow run that a command or a timer asked for (the regrade of an assessment version, a course's
/// calibration of one day): written before anything starts the workflow, started by the change feed, completed by the
/// workflow's last step. A run still <see cref="WorkflowRunStatus.Requested"/> after a crash (an in-memory engine forgets its instances) is
/// found and re-driven by the reconciler. Id <c>{kind}:{targetId}:{generation}</c>, also the partition.
/// </summary>
/// <param name="TargetId">The assessment (regrade), course (calibrate) or simulation (simulate) the run works on.</param>
/// <param name="Generation">What makes the run unique per target: the assessment version (regrade) or the UTC day as yyyyMMdd (calibrate).</param>
/// <param name="CourseId">The target's course (for reading the owning record within its partition).</param>
public sealed record WorkflowRunRecord(
    string Id,
    string Kind,
    string TargetId,
    long Generation,
    string CourseId,
    WorkflowRunStatus Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset? FinishedAt = null,
    string? Outcome = null) : IStoredRecord
{
    public const string RegradeKind = "regrade";
    public const string CalibrateKind = "calibrate";

    /// <summary>A curriculum simulation (target = simulation id, generation 0: one run per simulation).</summary>
    public const string SimulateKind = "simulate";

    public static string Container => Containers.WorkflowRuns;

    public string PartitionKey => Id;

    public static string? PartitionOf(string id) => id;

    public static string IdFor(string kind, string targetId, long generation) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}:{targetId}:{generation}");

    public static string RegradeId(string assessmentId, int version) => IdFor(RegradeKind, assessmentId, version);

    public static string CalibrateId(string courseId, DateOnly day) => IdFor(CalibrateKind, courseId, DayGeneration(day));

    public static string SimulateId(string simulationId) => IdFor(SimulateKind, simulationId, 0);

    public static long DayGeneration(DateOnly day) => (day.Year * 10_000L) + (day.Month * 100L) + day.Day;

    public static DateOnly DayOf(long generation) => new((int)(generation / 10_000), (int)(generation / 100 % 100), (int)(generation % 100));
}
