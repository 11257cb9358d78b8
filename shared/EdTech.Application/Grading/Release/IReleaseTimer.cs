using EdTech.Domain.Tenancy;

namespace EdTech.Application.Grading.Release;

/// <summary>
/// Wakes the release of one assessment at its release time (a durable timer per scheduled release), so the
/// due-release sweep need not run every minute. Idempotent per (tenant, assessment, release time).
/// </summary>
public interface IReleaseTimer
{
    Task ScheduleAsync(TenantId tenant, string assessmentId, DateTimeOffset releaseAt, CancellationToken cancellationToken);
}
