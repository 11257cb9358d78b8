using EdTech.Domain.Tenancy;

namespace EdTech.Application.Grading;

/// <summary>Starts the GradeSubmission workflow. Idempotent: an instance that already exists counts as started.</summary>
public interface IGradingWorkflow
{
    Task StartAsync(TenantId tenant, string submissionId, CancellationToken cancellationToken);
}
