using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tenants;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Analytics;

/// <summary>The tenant's analytics settings as <c>GET/PUT /api/admin/settings/analytics</c> show them.</summary>
public sealed record AnalyticsSettingsView(int MinCellCount);

/// <summary>The body of <c>PUT /api/admin/settings/analytics</c>.</summary>
public sealed record SetAnalyticsSettingsCommand(int? MinCellCount);

/// <summary>
/// k, the smallest number of responses a heatmap cell needs to be shown (<see cref="MinCellCountName"/> in the tenant record's
/// <c>settings</c>, default <see cref="DefaultMinCellCount"/>). Read through <see cref="TenantDirectory"/>'s short-lived cache (the
/// tenant gate loads that entry on every request anyway), so a heatmap read costs no extra document read. Set by the tenant
/// admin: a change made on this instance is seen at once, on others within the directory cache's expiry (5 s).
/// </summary>
public sealed class AnalyticsSettings(IDocumentStore store, TenantDirectory directory, TimeProvider clock)
{
    public const string MinCellCountName = "analytics.min-cell-count";
    public const int DefaultMinCellCount = 5;

    /// <summary>Below 2 a cell could show one student's result; above 50 most classes would show nothing.</summary>
    public const int LowestMinCellCount = 2;
    public const int HighestMinCellCount = 50;

    public async ValueTask<int> MinCellCountAsync(TenantId tenant, CancellationToken ct) =>
        await directory.SettingAsync(tenant, MinCellCountName, ct).ConfigureAwait(false) ?? DefaultMinCellCount;

    public async Task<Outcome<AnalyticsSettingsView>> GetAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Outcome<AnalyticsSettingsView>.Ok(new AnalyticsSettingsView(await MinCellCountAsync(caller.Tenant, ct).ConfigureAwait(false)));
    }

    /// <summary>Sets k for the caller's tenant (the token's; the body names no tenant). Out of range or missing → 422 naming <c>minCellCount</c>.</summary>
    public async Task<Outcome<AnalyticsSettingsView>> SetAsync(Caller caller, SetAnalyticsSettingsCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(command);
        var v = new Validation().Require(command.MinCellCount is >= LowestMinCellCount and <= HighestMinCellCount, "minCellCount",
            $"An integer from {LowestMinCellCount} to {HighestMinCellCount} (default {DefaultMinCellCount}).");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var k = command.MinCellCount!.Value;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var stored = await store.GetAsync<TenantRecord>(TenantId.Platform, caller.Tenant.Value, ct).ConfigureAwait(false);
            if (stored is null)
            {
                return Problem.NotFound("tenant");
            }

            var settings = new Dictionary<string, int>(stored.Value.Settings, StringComparer.Ordinal) { [MinCellCountName] = k };
            var (status, _) = await store.ReplaceAsync(TenantId.Platform, stored.Value with { Settings = settings, UpdatedAt = clock.GetUtcNow() }, stored.ETag, ct)
                .ConfigureAwait(false);
            if (status != WriteStatus.PreconditionFailed)
            {
                directory.Invalidate(caller.Tenant.Value);
                return Outcome<AnalyticsSettingsView>.Ok(new AnalyticsSettingsView(k));
            }
        }

        return Problem.Conflict("The tenant changed concurrently; retry.");
    }
}
