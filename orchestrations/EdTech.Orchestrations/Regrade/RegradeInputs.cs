using EdTech.Domain.Tenancy;

namespace EdTech.Orchestrations.Regrade;

/// <param name="PageSize">Submissions per page and chunk (null: <see cref="RegradeAssessmentOrchestrator.ChunkSize"/>); set by the starter from <c>Durable:RegradePageSize</c>.</param>
/// <param name="PagesInFlight">Chunks regraded at once (null: <see cref="RegradeAssessmentOrchestrator.DefaultPagesInFlight"/>); set by the starter from <c>Durable:BulkPagesInFlight</c>.</param>
public sealed record RegradeAssessmentInput(TenantId TenantId, string AssessmentId, int Version, int? PageSize = null, int? PagesInFlight = null)
{
    /// <summary>Derived, tenant-first instance id: one regrade per assessment version; starting twice is the same instance.</summary>
    public string InstanceId => $"{TenantId}:regrade:{AssessmentId}:v{Version}";
}

/// <param name="Seen">Submissions of the assessment the chunks looked at.</param>
/// <param name="Regraded">Of those, how many got a new score in this run.</param>
public sealed record RegradeAssessmentResult(string AssessmentId, int Version, int Chunks, int Seen, int Regraded);

/// <summary>Asks for the next page of an assessment's submissions after the <paramref name="AfterId"/> cursor.</summary>
public sealed record RegradePageInput(TenantId TenantId, string AssessmentId, string? AfterId, int Size);

/// <summary>One chunk: the assessment's submissions with ids in (<paramref name="AfterId"/>, <paramref name="ThroughId"/>].</summary>
public sealed record RegradeChunkInput(TenantId TenantId, string CourseId, string AssessmentId, int Version, string? AfterId, string ThroughId, int PageSize);
