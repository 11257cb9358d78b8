using EdTech.Application.Records;

namespace EdTech.Bff.Apis;

/// <summary>A tenant as the platform API shows it; <c>quotas</c> are the limits in force (defaults filled in).</summary>
public sealed record TenantView(
    string Id, string Name, string TimeZone, TenantStatus Status, string Kind, string? ParentId,
    TenantQuotas Quotas, IReadOnlyDictionary<string, bool> Features, IReadOnlyList<string> EntraTenantIds,
    string? SuspendedReason, DateTimeOffset? SuspendedAt, DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt)
{
    public static TenantView Of(TenantRecord t) => new(
        t.Id, t.Name, t.TimeZone, t.Status, t.Kind, t.ParentId, t.Quotas.Effective(), t.Features, t.EntraTenantIds,
        t.SuspendedReason, t.SuspendedAt, t.CreatedAt, t.UpdatedAt);
}

/// <summary>The platform's tenant list (<c>GET /api/platform/tenants</c>).</summary>
public sealed record TenantList(IReadOnlyList<TenantView> Items);
