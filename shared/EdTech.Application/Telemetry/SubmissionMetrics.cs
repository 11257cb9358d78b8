using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Telemetry;

/// <summary>Records the submission path's domain metrics (names in <see cref="EdTechTelemetry"/>, docs/observability.md).</summary>
public static class SubmissionMetrics
{
    public const string ReasonTag = "edtech.reason";

    /// <summary>A new submission stored (a retry that returns the stored one is not counted again).</summary>
    public static void Accepted(TenantId tenant) => EdTechTelemetry.SubmissionsAccepted.Add(1, TenantTag.Of(tenant));

    /// <summary>A refusal: the reason is the problem's stable code, else its kind (a fixed set; never a field value).</summary>
    public static void Rejected(TenantId tenant, Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var reason = problem.Code ?? ReasonOf(problem.Kind);
        EdTechTelemetry.SubmissionsRejected.Add(1, TenantTag.Of(tenant), new(ReasonTag, reason));
    }

    /// <summary>After a grade write: submit→graded when it carries a grade, submit→released when released in the same write.</summary>
    public static void GradeWritten(SubmissionRecord written, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(written);
        if (written.Status is SubmissionStatus.Graded or SubmissionStatus.Released)
        {
            EdTechTelemetry.SubmitToGraded.Record(Seconds(written.ReceivedAt, now));
        }

        if (written.Status == SubmissionStatus.Released)
        {
            EdTechTelemetry.SubmitToReleased.Record(Seconds(written.ReceivedAt, now));
        }
    }

    public static void Released(SubmissionRecord released, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(released);
        EdTechTelemetry.SubmitToReleased.Record(Seconds(released.ReceivedAt, now));
    }

    private static double Seconds(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (to - from).TotalSeconds);

    private static string ReasonOf(ProblemKind kind) => kind switch
    {
        ProblemKind.Validation => "validation",
        ProblemKind.NotFound => "not_found",
        ProblemKind.Conflict => "conflict",
        ProblemKind.PreconditionFailed => "precondition_failed",
        ProblemKind.PreconditionRequired => "precondition_required",
        ProblemKind.TooManyRequests => "too_many_requests",
        _ => "other",
    };
}
