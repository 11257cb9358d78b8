using System.Diagnostics;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Telemetry;

/// <summary>
/// The span that ends a submission's own trace at its release, "submission.released" (<see cref="SloCatalog.ReleasedOperation"/>),
/// whichever workflow or batch wrote it. Kind Server: Application Insights stores Server and Consumer spans in <c>requests</c>, the
/// table the journey SLO's KQL joins by <c>operation_Id</c> (Internal spans go to <c>dependencies</c>). Its parent is the
/// submission's stored W3C context (the version the grader read), so it lands in the submit request's trace even when a batch in
/// another trace graded it; that batch's span is linked. Started around the release write, so the released version is stored under
/// this span's context and the change feed that follows continues the submission's trace. Without a stored context it is a child
/// of the current span. A grade write that does not release runs under "submission.graded" (<see cref="GradedName"/>) the same way,
/// so a later release (the batch's own, or the release job's) still finds the submission's context on the version it reads.
/// </summary>
public static class SubmissionSpans
{
    public const string SubmissionTag = "edtech.submission.id";

    /// <summary>Name of the span around a grade write that does not release (kind Internal), for the same reason: the graded version keeps the submission's trace.</summary>
    public const string GradedName = "submission.graded";

    /// <summary>
    /// Tag of a <see cref="GradedName"/> span whose grade write did not release although it was the grading (not a regrade):
    /// <see cref="ReleaseDeferred"/>. The assessment releases later (scheduled or manual) or the submission awaits review, so the
    /// journey SLO does not count it (<see cref="SloCatalog.SubmitToReleased"/>).
    /// </summary>
    public const string ReleaseTag = "edtech.release";

    public const string ReleaseDeferred = "deferred";

    public static Activity? StartReleased(TenantId tenant, string submissionId, string? storedTraceParent) =>
        Start(SloCatalog.ReleasedOperation, ActivityKind.Server, tenant, submissionId, storedTraceParent);

    /// <param name="releaseDeferred">The grading's own write, not releasing by policy or review: tags the span <see cref="ReleaseTag"/> = <see cref="ReleaseDeferred"/>.</param>
    public static Activity? StartGraded(TenantId tenant, string submissionId, string? storedTraceParent, bool releaseDeferred = false)
    {
        var activity = Start(GradedName, ActivityKind.Internal, tenant, submissionId, storedTraceParent);
        if (releaseDeferred && activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ReleaseTag, ReleaseDeferred);
        }

        return activity;
    }

    private static Activity? Start(string name, ActivityKind kind, TenantId tenant, string submissionId, string? storedTraceParent)
    {
        var source = EdTechTelemetry.Source;
        if (!source.HasListeners())
        {
            return null;
        }

        Activity? activity;
        if (TraceParent.TryParse(storedTraceParent, out var parent))
        {
            var current = Activity.Current;
            var links = current is null || current.Context.TraceId == parent.TraceId ? null : new[] { new ActivityLink(current.Context) };
            activity = source.StartActivity(kind, parent, links: links, name: name);
        }
        else
        {
            activity = source.StartActivity(name, kind);
        }

        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TenantTag.Key, tenant.Value);
            activity.SetTag(SubmissionTag, submissionId);
        }

        return activity;
    }
}
