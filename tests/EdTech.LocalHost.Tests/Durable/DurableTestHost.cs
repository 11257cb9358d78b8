using EdTech.LocalHost.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdTech.LocalHost.Tests.Durable;

/// <summary>A started generic host with the local durable engine, in its own temporary data folder.</summary>
public sealed class DurableTestHost : IAsyncDisposable
{
    private readonly IHost host;

    private DurableTestHost(IHost host, string dataDirectory)
    {
        this.host = host;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    public LocalDurableBackend Backend => host.Services.GetRequiredService<LocalDurableBackend>();

    public DurableWorkCounters Counters => host.Services.GetRequiredService<DurableWorkCounters>();

    public ConcurrencyGate Gate => host.Services.GetRequiredService<ConcurrencyGate>();

    /// <param name="engine">The engine's options for the data folder (default: in memory); lets a test run the Azure Storage backend.</param>
    public static async Task<DurableTestHost> StartAsync(string greetingPrefix = "Hello", Func<string, LocalDurableEngineOptions>? engine = null)
    {
        // Short root: Unix socket paths are limited to ~108 bytes.
        var dataDirectory = Path.Combine(Path.GetTempPath(), "edt-" + Guid.NewGuid().ToString("N")[..12]);
        var builder = Host.CreateApplicationBuilder();
        // Per-instance Information logs from the sidecar would swamp the test output.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new GreetingFormatter { Prefix = greetingPrefix });
        builder.Services.AddSingleton<ConcurrencyGate>();
        builder.Services.AddLocalDurableEngine(engine?.Invoke(dataDirectory) ?? new LocalDurableEngineOptions(dataDirectory), tasks =>
        {
            tasks.AddOrchestrator<GreetingOrchestrator>();
            tasks.AddActivity<GreetActivity>();
            tasks.AddActivity<DoubleScoreActivity>();
            tasks.AddOrchestrator<GatedOrchestrator>();
            tasks.AddActivity<GateActivity>();
            tasks.AddOrchestrator<WaitForSignalOrchestrator>();
            tasks.AddOrchestrator<TimerThenSignalOrchestrator>();
        });
        var host = builder.Build();
        await host.StartAsync();
        return new DurableTestHost(host, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(timeout.Token);
        host.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
