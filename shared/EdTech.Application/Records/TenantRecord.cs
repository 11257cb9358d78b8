using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>
/// A school, college or group (district, university group) in the platform's registry, stored under the
/// platform tenant. Added fields are init-only with defaults so earlier documents still read.
/// </summary>
public sealed record TenantRecord(string Id, string Name, string TimeZone, TenantStatus Status, DateTimeOffset CreatedAt) : IStoredRecord
{
    public static string Container => Containers.Tenants;

    public string PartitionKey => Id;

    public static string? PartitionOf(string id) => id;

    /// <summary>"school", "college" or "group" (<see cref="TenantKinds"/>).</summary>
    public string Kind { get; init; } = TenantKinds.School;

    /// <summary>The group this tenant belongs to; always a tenant of kind "group".</summary>
    public string? ParentId { get; init; }

    public TenantQuotas Quotas { get; init; } = TenantQuotas.None;

    public IReadOnlyDictionary<string, bool> Features { get; init; } = new Dictionary<string, bool>(StringComparer.Ordinal);

    /// <summary>Numeric tenant settings the tenant admin sets (e.g. <c>analytics.min-cell-count</c>); absent = the default.</summary>
    public IReadOnlyDictionary<string, int> Settings { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Microsoft Entra (External ID) directory ids whose tokens act in this tenant; see <c>DirectoryMappingRecord</c>.</summary>
    public IReadOnlyList<string> EntraTenantIds { get; init; } = [];

    public string? SuspendedReason { get; init; }

    public DateTimeOffset? SuspendedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }
}

public static class TenantKinds
{
    public const string School = "school";
    public const string College = "college";
    public const string Group = "group";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { School, College, Group };
}
