using System.Diagnostics;

namespace EdTech.LocalHost.Durable;

/// <summary>
/// Logs the engine's throughput once per period while it is doing work: a busy interval's work items/s
/// and history events/s, and the peak interval so far. Quiet when idle.
/// </summary>
public sealed partial class DurableThroughputReporter(DurableWorkCounters counters, LocalDurableEngineOptions options, ILogger<DurableThroughputReporter> logger) : BackgroundService
{
    private double peakWorkItemsPerSecond;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var previous = counters.Snapshot();
        var previousAt = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(options.ThroughputReportPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = counters.Snapshot();
                var nowAt = Stopwatch.GetTimestamp();
                var delta = now.Minus(previous);
                var seconds = Stopwatch.GetElapsedTime(previousAt, nowAt).TotalSeconds;
                (previous, previousAt) = (now, nowAt);
                if (delta.WorkItems == 0 || seconds <= 0)
                {
                    continue;
                }

                var workItemsPerSecond = delta.WorkItems / seconds;
                peakWorkItemsPerSecond = Math.Max(peakWorkItemsPerSecond, workItemsPerSecond);
                LogThroughput(delta.OrchestrationWorkItems, delta.ActivityWorkItems, delta.HistoryEvents, seconds, workItemsPerSecond, delta.HistoryEvents / seconds, peakWorkItemsPerSecond);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable engine: {OrchestrationWorkItems} orchestration + {ActivityWorkItems} activity work items, {HistoryEvents} history events in {Seconds:F1} s = {WorkItemsPerSecond:F0} work items/s, {EventsPerSecond:F0} events/s (peak {PeakWorkItemsPerSecond:F0} work items/s)")]
    private partial void LogThroughput(long orchestrationWorkItems, long activityWorkItems, long historyEvents, double seconds, double workItemsPerSecond, double eventsPerSecond, double peakWorkItemsPerSecond);
}
