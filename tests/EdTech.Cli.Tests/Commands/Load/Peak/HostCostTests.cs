using EdTech.Cli.Commands.Load.Peak;

namespace EdTech.Cli.Tests.Commands.Load.Peak;

public sealed class HostCostTests
{
    private const string Before = """
        # TYPE dotnet_process_cpu_time_seconds_total counter
        dotnet_process_cpu_time_seconds_total{otel_scope_name="System.Runtime",cpu_mode="user"} 10.5 1733520000000
        dotnet_process_cpu_time_seconds_total{otel_scope_name="System.Runtime",cpu_mode="system"} 2 1733520000000
        # TYPE dotnet_gc_heap_total_allocated_bytes_total counter
        dotnet_gc_heap_total_allocated_bytes_total{otel_scope_name="System.Runtime"} 1048576 1733520000000
        """;

    private const string After = """
        # TYPE dotnet_process_cpu_time_seconds_total counter
        dotnet_process_cpu_time_seconds_total{otel_scope_name="System.Runtime",cpu_mode="user"} 14.5 1733520060000
        dotnet_process_cpu_time_seconds_total{otel_scope_name="System.Runtime",cpu_mode="system"} 3 1733520060000
        # TYPE dotnet_gc_heap_total_allocated_bytes_total counter
        dotnet_gc_heap_total_allocated_bytes_total{otel_scope_name="System.Runtime"} 1025048576 1733520060000
        """;

    [Fact]
    public void Between_UserAndSystemCpuAndAllocations_DividedBySubmissions()
    {
        var cost = HostCost.Between(MetricsSnapshot.Parse(Before), MetricsSnapshot.Parse(After), 1000);

        Assert.Equal(5.0, cost.CpuMsPerSubmission!.Value, 6); // (4 s user + 1 s system) / 1000
        Assert.Equal(1000.0, cost.AllocatedKbPerSubmission!.Value, 6); // 1,024,000,000 B / 1000 / 1024
        Assert.Equal("5.00 CPU ms, 1000 KB allocated per acknowledged submission", cost.ToString());
    }

    [Fact]
    public void Between_HostWithoutRuntimeMeter_IsNaNotZero()
    {
        var cost = HostCost.Between(MetricsSnapshot.Parse(PrometheusSamples.Before), MetricsSnapshot.Parse(PrometheusSamples.After), 1000);

        Assert.Null(cost.CpuMsPerSubmission);
        Assert.Null(cost.AllocatedKbPerSubmission);
        Assert.StartsWith("n/a CPU ms, n/a KB", cost.ToString(), StringComparison.Ordinal);
    }
}
