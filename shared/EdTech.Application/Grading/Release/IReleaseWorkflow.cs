using EdTech.Domain.Tenancy;

namespace EdTech.Application.Grading.Release;

/// <summary>
/// Starts the ReleaseResults workflow for one assessment. Idempotent per <paramref name="generation"/>:
/// the instance id is derived from tenant, assessment and generation, and an existing instance counts as started.
/// </summary>
public interface IReleaseWorkflow
{
    Task StartAsync(TenantId tenant, string assessmentId, long generation, CancellationToken cancellationToken);
}
