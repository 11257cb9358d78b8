using System.Diagnostics;
using System.Net;

namespace EdTech.Cli.Commands.Load.Peak;

/// <summary>Reads the host's Prometheus endpoint; null when it is not served (the LocalHost needs <c>Telemetry:Prometheus:Enabled=true</c>).</summary>
public sealed class MetricsScraper(LoadApi api, string path = "/metrics")
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    /// <summary>Scrapes in a row that must show the same work counters before the host counts as idle.</summary>
    public const int StableScrapes = 5;

    public async Task<MetricsSnapshot?> ScrapeAsync(CancellationToken cancellationToken)
    {
        var (status, body) = await api.SendAsync(HttpMethod.Get, path, null, null, null, cancellationToken);
        return status == HttpStatusCode.OK ? MetricsSnapshot.Parse(body) : null;
    }

    /// <summary>
    /// Scrapes every second until the work counters (<see cref="WorkCounters.All"/>) have not moved for <see cref="StableScrapes"/>
    /// scrapes in a row (the host is done with what came before: grading, projections, deferred consumers), or <paramref name="cap"/> passes.
    /// </summary>
    public async Task<(MetricsSnapshot? Snapshot, double Seconds, bool Settled)> SettleAsync(TimeSpan cap, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var last = await ScrapeAsync(cancellationToken);
        if (last is null)
        {
            return (null, 0, false);
        }

        var same = 1;
        while (same < StableScrapes && Stopwatch.GetElapsedTime(started) < cap)
        {
            await Task.Delay(Every, cancellationToken);
            var now = await ScrapeAsync(cancellationToken);
            if (now is null)
            {
                return (null, Stopwatch.GetElapsedTime(started).TotalSeconds, false);
            }

            same = SameWork(last, now) ? same + 1 : 1;
            last = now;
        }

        return (last, Stopwatch.GetElapsedTime(started).TotalSeconds, same >= StableScrapes);
    }

    public static bool SameWork(MetricsSnapshot a, MetricsSnapshot b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return WorkCounters.All.All(c => a.Total(c.Metric) == b.Total(c.Metric));
    }
}
