using EdTech.Domain.Tenancy;

namespace EdTech.Orchestrations.Timing;

/// <summary>One auto-submit attempt's timer: submit it at <see cref="SubmitAt"/> (its end plus grace).</summary>
public sealed record AttemptTimerInput(TenantId TenantId, string CourseId, string AttemptId, DateTimeOffset SubmitAt)
{
    /// <summary>Tenant-first, one per attempt: <c>{tenant}:attempt-timer:{attemptId}</c>; scheduling it again is a no-op.</summary>
    public string InstanceId => $"{TenantId}:attempt-timer:{AttemptId}";
}
