using EdTech.Application.Storage;
using EdTech.Application.Telemetry;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EdTech.Bff.Health;

/// <summary>The store answers a point read (of an id that never exists: no data is read).</summary>
public sealed class StoreHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.GetAsync(TenantId.Platform, Containers.Tenants, "readiness-probe", "readiness-probe", cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The store answered.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The store did not answer: " + ex.GetType().Name);
        }
    }
}

/// <summary>The durable engine answers a status query (of an instance id that never exists).</summary>
public sealed class DurableEngineHealthCheck(IDurableClientSource durable) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await durable.Client.GetInstanceAsync("readiness-probe", getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The durable engine answered.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The durable engine did not answer: " + ex.GetType().Name);
        }
    }
}

/// <summary>No change-feed handler holds a change older than <see cref="HealthSettings.MaxChangeFeedLag"/> (<see cref="ChangeFeedLagMonitor"/>).</summary>
public sealed class ChangeFeedLagHealthCheck(ChangeFeedLagMonitor monitor, HealthSettings settings) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (lag, handler) = monitor.CurrentLag();
        var data = new Dictionary<string, object> { ["lagSeconds"] = Math.Round(lag.TotalSeconds, 1) };
        return Task.FromResult(lag <= settings.MaxChangeFeedLag
            ? HealthCheckResult.Healthy("Change-feed lag within the threshold.", data)
            : HealthCheckResult.Unhealthy($"Change-feed handler {handler} is {lag.TotalSeconds:F0} s behind (threshold {settings.MaxChangeFeedLag.TotalSeconds:F0} s).", data: data));
    }
}
