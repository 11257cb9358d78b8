using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>A school or college in the platform's registry (stored under the platform tenant).</summary>
public sealed record TenantRecord(string Id, string Name, string TimeZone, string Status, DateTimeOffset CreatedAt) : IStoredRecord
{
    public const string Active = "active";
    public const string Suspended = "suspended";

    public static string Container => Containers.Tenants;

    public string PartitionKey => Id;
}
