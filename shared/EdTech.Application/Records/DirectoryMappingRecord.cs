using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>
/// Index from an identity provider's directory (Entra "tid") to the platform tenant, stored under the
/// platform tenant with the directory id as document id, so one directory maps to at most one tenant.
/// The tenant record's <see cref="TenantRecord.EntraTenantIds"/> is the source of truth; a mapping the
/// record does not list is stale and ignored.
/// </summary>
public sealed record DirectoryMappingRecord(string Id, string TenantId) : IStoredRecord
{
    public static string Container => Containers.DirectoryMappings;

    public string PartitionKey => Id;

    public static string? PartitionOf(string id) => id;
}
