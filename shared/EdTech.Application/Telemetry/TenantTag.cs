using System.Collections.Concurrent;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Telemetry;

/// <summary>
/// The cardinality rule for the tenant dimension: only the first <see cref="Limit"/> tenants seen by this process get their own
/// value; later ones are reported as <see cref="Other"/>. A metric series per tenant is worth it for "which tenant is hurting"
/// on an exam day; an unbounded one is not (each series costs memory in every exporter and a row in every backend).
/// </summary>
public static class TenantTag
{
    public const string Key = "edtech.tenant";
    public const string Other = "_other";

    private static readonly ConcurrentDictionary<string, byte> Seen = new(StringComparer.Ordinal);

    /// <summary>Tenants that keep their own value (per process; <c>Telemetry:MaxTenantTags</c>, default 100).</summary>
    public static int Limit { get; set; } = 100;

    public static KeyValuePair<string, object?> Of(TenantId tenant) => new(Key, ValueOf(tenant.Value));

    public static string ValueOf(string tenant)
    {
        if (Seen.ContainsKey(tenant))
        {
            return tenant;
        }

        // A race may let a few more than Limit in; the set stays bounded by Limit + concurrent callers.
        if (Seen.Count < Limit && Seen.TryAdd(tenant, 0))
        {
            return tenant;
        }

        return Seen.ContainsKey(tenant) ? tenant : Other;
    }
}
