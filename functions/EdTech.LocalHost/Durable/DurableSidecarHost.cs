using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace EdTech.LocalHost.Durable;

/// <summary>
/// Runs the in-memory backend's gRPC sidecar in its own small Kestrel app on a Unix socket.
/// Its own app (not the LocalHost's pipeline) keeps the sidecar off the public HTTP port and lets
/// it start before the durable worker connects; the package's own sidecar host cannot be used
/// because it hard-wires the CPU-capped service.
/// </summary>
public sealed class DurableSidecarHost(
    LocalDurableEngineOptions options,
    LocalDurableBackend backend,
    DurableWorkCounters counters,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private WebApplication? app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.DataDirectory);
        // A socket file left by a killed process makes bind fail with "address in use".
        File.Delete(options.SocketPath);
        // Azure Storage needs its queues, tables and containers; the in-memory backend has nothing to create.
        await backend.Service.CreateIfNotExistsAsync();

        // Empty builder: the outer app's configuration (URLS, appsettings) must not leak in here.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        // The outer host owns Ctrl+C/SIGTERM; a second console lifetime would race it.
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            // Every WaitForInstanceCompletion is a long-poll stream; the default 100 per connection would queue callers.
            kestrel.Limits.Http2.MaxStreamsPerConnection = 10_000;
            kestrel.ListenUnixSocket(options.SocketPath, listen => listen.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddRouting();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(new UncappedOrchestrationService(backend.Service, backend.MaxConcurrentWorkItems, counters));
        builder.Services.AddSingleton(backend.Client);
        builder.Services.AddSingleton<TaskHubGrpcServer>();

        var sidecar = builder.Build();
        sidecar.UseRouting();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync(cancellationToken);
        app = sidecar;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
            app = null;
        }

        File.Delete(options.SocketPath);
    }

    private sealed class PassiveHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
