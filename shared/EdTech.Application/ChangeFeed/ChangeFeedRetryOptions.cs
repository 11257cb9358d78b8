namespace EdTech.Application.ChangeFeed;

/// <summary>
/// How <see cref="ChangeFeedDelivery"/> retries. A failing change is tried <see cref="MaxAttempts"/> times with exponential
/// backoff (<see cref="BaseDelay"/> doubled per attempt, at most <see cref="MaxDelay"/>), then written to poison. A transient
/// failure (throttling, timeout, unavailable: <see cref="ITransientFailures"/>) never counts towards poison: it is retried
/// <see cref="MaxTransientAttempts"/> times in place, then rethrown so the host redelivers the batch (the Functions trigger's
/// retry policy, the LocalHost pump's loop) and nothing is lost. Settings <c>ChangeFeed:MaxAttempts</c>,
/// <c>ChangeFeed:RetryBaseDelayMs</c>, <c>ChangeFeed:RetryMaxDelayMs</c>, <c>ChangeFeed:MaxTransientAttempts</c>.
/// </summary>
public sealed record ChangeFeedRetryOptions(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, int MaxTransientAttempts)
{
    public static ChangeFeedRetryOptions Default { get; } = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 8);

    /// <summary>The pause after the given failed attempt (1-based): BaseDelay · 2^(attempt-1), capped at MaxDelay.</summary>
    public TimeSpan Backoff(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var ticks = Math.Min(BaseDelay.Ticks * factor, MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
