namespace EdTech.Application.ChangeFeed;

/// <summary>
/// Says which failures are transient (throttled, timed out, briefly unavailable): those are retried with backoff and
/// never poisoned. Each adapter registers its own (the Cosmos adapter: 429, 408, 503...); any one saying yes decides.
/// </summary>
public interface ITransientFailures
{
    bool IsTransient(Exception exception);
}

/// <summary>Failures transient whatever the adapter: timeouts and HTTP transport errors.</summary>
public sealed class CommonTransientFailures : ITransientFailures
{
    public bool IsTransient(Exception exception) => exception is TimeoutException or HttpRequestException;
}
