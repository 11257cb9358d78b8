using System.Globalization;

namespace EdTech.Cli.Commands.Load.Peak;

/// <summary>
/// The host process's CPU time and managed allocations per acknowledged submission between two scrapes, from the runtime's own
/// counters (.NET's "System.Runtime" meter, exported by the host: <c>dotnet.process.cpu.time</c>, <c>dotnet.gc.heap.total_allocated</c>).
/// Unlike acknowledged/s these hardly depend on what else runs on the machine, so an A/B of a setting (tracing on/off) can be
/// read on a shared machine (docs/benchmarks.md). Null (n/a) when the host does not expose the counter.
/// </summary>
public sealed record HostCost(double? CpuMsPerSubmission, double? AllocatedKbPerSubmission)
{
    public const string CpuMetric = "dotnet_process_cpu_time_seconds";
    public const string AllocatedMetric = "dotnet_gc_heap_total_allocated_bytes";

    public static HostCost Between(MetricsSnapshot before, MetricsSnapshot after, long submissions)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(submissions);
        double? PerSubmission(string metric, double scale) =>
            after.Total(metric) is { } end && before.Total(metric) is { } start ? (end - start) * scale / submissions : null;
        return new(PerSubmission(CpuMetric, 1000), PerSubmission(AllocatedMetric, 1.0 / 1024));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(CpuMsPerSubmission is { } cpu ? cpu.ToString("F2", CultureInfo.InvariantCulture) : "n/a")} CPU ms, {(AllocatedKbPerSubmission is { } kb ? kb.ToString("F0", CultureInfo.InvariantCulture) : "n/a")} KB allocated per acknowledged submission");
}
