using System.Net;
using EdTech.Application.Storage;
using EdTech.Application.Telemetry;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Telemetry;

/// <summary>Readiness fails on its own checks; liveness (/api/health, unchanged) never does (docs/observability.md "Health").</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_StoreDurableAndFeedHealthy_Returns200WithEachCheck()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();

        var (status, body, response) = await client.GetAsync("/api/health/ready", null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        foreach (var check in new[] { "store", "durable", "changefeed-lag" })
        {
            Assert.Equal("healthy", body.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
        }

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Ready_StoreUnreachable_Returns503WhileLivenessStays200()
    {
        var down = false;
        using var factory = new ApiFactory { StoreDecorator = inner => new UnreachableStore(inner, () => down) };
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health/ready", null)).Status);

        down = true;
        var (ready, body, _) = await client.GetAsync("/api/health/ready", null);
        var (live, liveBody, _) = await client.GetAsync("/api/health", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal("not-ready", body.GetProperty("status").GetString());
        Assert.Equal("unhealthy", body.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("durable").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal("ok", liveBody.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_ChangeFeedLagOverTheThreshold_Returns503NamingTheHandlerWhileLivenessStays200()
    {
        using var factory = new ApiFactory { Settings = new Dictionary<string, string> { ["Health:MaxChangeFeedLagSeconds"] = "60" } };
        var client = factory.CreateClient();
        var monitor = factory.Services.GetRequiredService<ChangeFeedLagMonitor>();

        monitor.Delivering("lagging-handler", DateTimeOffset.UtcNow.AddSeconds(-30));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health/ready", null)).Status);
        monitor.Delivering("lagging-handler", DateTimeOffset.UtcNow.AddMinutes(-10));
        var (ready, body, _) = await client.GetAsync("/api/health/ready", null);
        var (live, _, _) = await client.GetAsync("/api/health", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        var lag = body.GetProperty("checks").GetProperty("changefeed-lag");
        Assert.Equal("unhealthy", lag.GetProperty("status").GetString());
        Assert.Contains("lagging-handler", lag.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live);

        monitor.Delivered("lagging-handler");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health/ready", null)).Status);
    }

    /// <summary>The adapter as seen after its file or account went away: every call fails (switched on mid-test).</summary>
    private sealed class UnreachableStore(IDocumentStore inner, Func<bool> down) : IDocumentStore
    {
        private T Check<T>(Func<T> call) => down() ? throw new IOException("store unreachable") : call();

        public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) =>
            Check(() => inner.GetAsync(tenant, container, id, cancellationToken));

        public Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default) =>
            Check(() => inner.CreateAsync(tenant, container, id, partition, json, cancellationToken));

        public Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default) =>
            Check(() => inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken));

        public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
            Check(() => inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken));

        public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
            Check(() => inner.QueryAsync(tenant, container, query, cancellationToken));
    }
}
