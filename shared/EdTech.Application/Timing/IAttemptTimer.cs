using EdTech.Domain.Tenancy;

namespace EdTech.Application.Timing;

/// <summary>
/// Submits an auto-submit attempt from its last draft at <c>submitAt</c> (a durable timer per attempt). Idempotent per
/// (tenant, attempt): scheduling the same attempt again is a no-op.
/// </summary>
public interface IAttemptTimer
{
    Task ScheduleAsync(TenantId tenant, string courseId, string attemptId, DateTimeOffset submitAt, CancellationToken cancellationToken);
}

/// <summary>What the timer's step did: submitted (or found nothing left to do), or the attempt is not due before <see cref="NotBefore"/>.</summary>
public sealed record AutoSubmitOutcome(bool Submitted, DateTimeOffset? NotBefore = null);
