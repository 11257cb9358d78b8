using System.Collections.Concurrent;

namespace EdTech.Application.Telemetry;

/// <summary>
/// How far behind each change-feed handler is, right now: while a batch is being handed over, the age of its oldest change
/// (it grows while a handler retries or is slow), and the backlog the host's pump reported (positions of the feed not yet read,
/// LocalHost only). Readiness reads <see cref="CurrentLag"/>; the metrics read both.
/// </summary>
public sealed class ChangeFeedLagMonitor : IDisposable
{
    // The gauges are created once (a static meter); they observe every live monitor (one per host container; tests build many).
    private static readonly ConcurrentDictionary<ChangeFeedLagMonitor, byte> Live = new();

    static ChangeFeedLagMonitor()
    {
        EdTechTelemetry.Meter.CreateObservableGauge("edtech.changefeed.backlog", () => Live.Keys.SelectMany(m => m.ObserveBacklog()), "{change}",
            "Feed positions after a handler's checkpoint not yet read (LocalHost pump)");
        EdTechTelemetry.Meter.CreateObservableGauge("edtech.changefeed.pending_age", () => Live.Keys.SelectMany(m => m.ObservePendingAge()), "s",
            "Age of the oldest change a handler is handling now");
    }

    private readonly ConcurrentDictionary<string, DateTimeOffset> _oldestInFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _backlog = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public ChangeFeedLagMonitor(TimeProvider clock)
    {
        _clock = clock;
        Live[this] = 0;
    }

    public void Dispose() => Live.TryRemove(this, out _);

    public void Delivering(string handler, DateTimeOffset oldestChange) =>
        _oldestInFlight.AddOrUpdate(handler, oldestChange, (_, current) => current < oldestChange ? current : oldestChange);

    public void Delivered(string handler) => _oldestInFlight.TryRemove(handler, out _);

    public void Backlog(string handler, long positions) => _backlog[handler] = Math.Max(0, positions);

    /// <summary>The largest age of a change being handled now (zero when every handler is idle), and the handler.</summary>
    public (TimeSpan Lag, string? Handler) CurrentLag()
    {
        var now = _clock.GetUtcNow();
        var worst = (Lag: TimeSpan.Zero, Handler: (string?)null);
        foreach (var (handler, oldest) in _oldestInFlight)
        {
            var age = now - oldest;
            if (age > worst.Lag)
            {
                worst = (age, handler);
            }
        }

        return worst;
    }

    private IEnumerable<System.Diagnostics.Metrics.Measurement<long>> ObserveBacklog() =>
        _backlog.Select(b => new System.Diagnostics.Metrics.Measurement<long>(b.Value, new KeyValuePair<string, object?>("edtech.changefeed.handler", b.Key)));

    private IEnumerable<System.Diagnostics.Metrics.Measurement<double>> ObservePendingAge()
    {
        var now = _clock.GetUtcNow();
        return _oldestInFlight.Select(p => new System.Diagnostics.Metrics.Measurement<double>(
            Math.Max(0, (now - p.Value).TotalSeconds), new KeyValuePair<string, object?>("edtech.changefeed.handler", p.Key)));
    }
}
