using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>
/// One skill of the tenant's taxonomy (id = skill id). All of a tenant's skills share one partition, so the
/// taxonomy is read as one keyset-paged, single-partition query and a skill by id is a point read.
/// </summary>
/// <param name="Seeded">True while it is the entry seeded from the items' skills, false once a content author wrote it.</param>
public sealed record TaxonomySkillRecord(
    string Id,
    string Name,
    string Description,
    IReadOnlyList<string> Examples,
    string UpdatedBy,
    DateTimeOffset UpdatedAt,
    bool Seeded = false) : IStoredRecord
{
    public const string Partition = "skills";

    public static string Container => Containers.SkillTaxonomy;

    public string PartitionKey => Partition;

    public static string? PartitionOf(string id) => Partition;
}
