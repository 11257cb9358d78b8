using EdTech.Domain.Tenancy;

namespace EdTech.Orchestrations.Release;

/// <summary>One assessment's release timer.</summary>
public sealed record ReleaseAtInput(TenantId TenantId, string AssessmentId, DateTimeOffset ReleaseAt)
{
    /// <summary>
    /// Tenant-first and per release time: <c>{tenant}:release-at:{assessmentId}:{utcTicks}</c>. The same schedule
    /// seen again is the same instance; a changed release time is a new one.
    /// </summary>
    public string InstanceId => $"{TenantId}:release-at:{AssessmentId}:{ReleaseAt.UtcTicks}";
}
