using EdTech.Domain.Tenancy;

namespace EdTech.Orchestrations.Release;

/// <param name="PageSize">Submissions per page (null: <see cref="ReleaseResultsOrchestrator.DefaultPageSize"/>); set by the starter from <c>Durable:ReleasePageSize</c>.</param>
/// <param name="PagesInFlight">Pages being released at once (null: <see cref="ReleaseResultsOrchestrator.DefaultPagesInFlight"/>); set by the starter from <c>Durable:BulkPagesInFlight</c>.</param>
public sealed record ReleaseResultsInput(TenantId TenantId, string AssessmentId, int? PageSize = null, int? PagesInFlight = null)
{
    /// <summary>
    /// Derived, tenant-first instance id: <c>{tenant}:release:{assessmentId}:{generation}</c>, the generation
    /// being the highest change-feed sequence among the submissions waiting for release (0 when none).
    /// Asking again with nothing new is the same instance (running or finished: "already exists" = success);
    /// newly graded work waiting for release gives a new generation, hence a new run that picks it up.
    /// </summary>
    public string InstanceId(long generation) => $"{TenantId}:release:{AssessmentId}:{generation}";
}

/// <param name="Pending">Graded-not-released submissions the pages found.</param>
/// <param name="Released">Of those, how many are now released (the others changed meanwhile, e.g. regraded or erased).</param>
public sealed record ReleaseResultsResult(string AssessmentId, int Pending, int Released);

/// <summary>Asks for the bounds of the next pages (at most <paramref name="Pages"/> of <paramref name="Size"/>) of submissions waiting for release after the <paramref name="AfterId"/> cursor.</summary>
public sealed record ReleasePageInput(TenantId TenantId, string CourseId, string AssessmentId, string? AfterId, int Size, int Pages = 1);

/// <summary>One page to release: the assessment's graded submissions with ids in (<paramref name="AfterId"/>, <paramref name="ThroughId"/>].</summary>
public sealed record ReleaseChunkInput(TenantId TenantId, string CourseId, string AssessmentId, string? AfterId, string ThroughId, int PageSize);
