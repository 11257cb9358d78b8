using EdTech.Domain.Tenancy;

namespace EdTech.Application.Grading.Regrade;

/// <summary>
/// Starts the RegradeAssessment workflow for one new version of an assessment. Idempotent: the instance id
/// is <c>{tenant}:regrade:{assessmentId}:v{version}</c>, and an existing instance counts as started.
/// </summary>
public interface IRegradeWorkflow
{
    Task StartAsync(TenantId tenant, string assessmentId, int version, CancellationToken cancellationToken);
}
