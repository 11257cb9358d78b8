using EdTech.Domain.Tenancy;

namespace EdTech.Application.Grading;

/// <summary>The GradeSubmission workflow as the application sees it.</summary>
public interface IGradingWorkflow
{
    /// <summary>Starts the workflow. Idempotent: an instance that already exists counts as started.</summary>
    Task StartAsync(TenantId tenant, string submissionId, CancellationToken cancellationToken);

    /// <summary>
    /// Starts grading a chunk of one tenant's submissions as one batch workflow (grades all, hands the ones awaiting review
    /// to their own <see cref="StartAsync"/> workflow). Idempotent: the same chunk (any order) is the same instance. Without a
    /// batch workflow, each submission gets its own.
    /// </summary>
    Task StartBatchAsync(TenantId tenant, IReadOnlyList<string> submissionIds, CancellationToken cancellationToken) =>
        Task.WhenAll(submissionIds.Select(id => StartAsync(tenant, id, cancellationToken)));

    /// <summary>
    /// Starts the workflow of a submission a batch has already graded and left awaiting review: it goes straight to waiting for
    /// the review. Idempotent like <see cref="StartAsync"/>; without a dedicated path it is <see cref="StartAsync"/>.
    /// </summary>
    Task StartReviewWaitAsync(TenantId tenant, string submissionId, CancellationToken cancellationToken) => StartAsync(tenant, submissionId, cancellationToken);

    /// <summary>
    /// Tells a workflow waiting for human review that the review is complete. Best effort: when no instance is
    /// waiting (finished, or lost with an in-memory engine) nothing happens; the caller has already done what
    /// the workflow would do next, and the reconciler re-drives anything left unfinished.
    /// </summary>
    Task NotifyReviewedAsync(TenantId tenant, string submissionId, CancellationToken cancellationToken);
}
