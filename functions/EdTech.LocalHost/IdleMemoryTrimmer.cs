namespace EdTech.LocalHost;

/// <summary>
/// Gives memory back to the operating system when the host goes quiet after a burst of work. The GC collects when the
/// process allocates; an idle process allocates almost nothing, so after an exam burst the heap kept the size it reached
/// at the peak (garbage, freed regions not yet decommitted) until the next burst. Every <see cref="Period"/>, if at least
/// <see cref="BusyBytes"/> were allocated since the last trim and less than <see cref="IdleBytes"/> during the last period,
/// it runs one aggressive full collection (compacting, decommitting what the heap no longer needs). It never runs under
/// load: a period with real work allocates far more than <see cref="IdleBytes"/>. Then it gives the C heap's free pages back
/// too (<see cref="NativeHeap"/>: SQLite, the runtime and the TLS stack allocate there). Setting <c>Memory:TrimWhenIdle</c>
/// (default true). docs/benchmarks.md has the measured effect.
/// </summary>
public sealed partial class IdleMemoryTrimmer(ILogger<IdleMemoryTrimmer> logger, TimeProvider clock) : BackgroundService
{
    /// <summary>How often the host checks whether it is idle.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(20);

    /// <summary>Allocated since the last trim for a trim to be worth its pause (a burst allocates gigabytes).</summary>
    public const long BusyBytes = 256L * 1024 * 1024;

    /// <summary>Allocated during one period below which the host counts as idle (timers, health probes, metrics).</summary>
    public const long IdleBytes = 16L * 1024 * 1024;

    private long _atLastTrim = GC.GetTotalAllocatedBytes();
    private long _atLastCheck = GC.GetTotalAllocatedBytes();

    /// <summary>The decision, from the process's total allocated bytes now; true means "trim now" (and the caller trims).</summary>
    public bool ShouldTrim(long allocatedNow)
    {
        var sinceTrim = allocatedNow - _atLastTrim;
        var lastPeriod = allocatedNow - _atLastCheck;
        _atLastCheck = allocatedNow;
        if (sinceTrim < BusyBytes || lastPeriod >= IdleBytes)
        {
            return false;
        }

        _atLastTrim = allocatedNow;
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (ShouldTrim(GC.GetTotalAllocatedBytes()))
                {
                    Trim();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Trim()
    {
        var before = Environment.WorkingSet;
        var started = clock.GetTimestamp();
        // Aggressive: compacts every generation, the large object heap included, and decommits the memory freed.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.Trim();
        LogTrimmed(before / (1024 * 1024), Environment.WorkingSet / (1024 * 1024), GC.GetGCMemoryInfo().HeapSizeBytes / (1024 * 1024), clock.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Idle after a burst: memory trimmed, working set {BeforeMb} MB -> {AfterMb} MB (managed heap {HeapMb} MB) in {Milliseconds:F0} ms")]
    private partial void LogTrimmed(long beforeMb, long afterMb, long heapMb, double milliseconds);
}
