using EdTech.Application.Records;

namespace EdTech.Application.Content.Taxonomy;

/// <summary>One skill of the tenant's taxonomy as the content routes answer it.</summary>
public sealed record TaxonomySkillView(string SkillId, string Name, string Description, IReadOnlyList<string> Examples, bool Seeded, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public static TaxonomySkillView Of(TaxonomySkillRecord r) => new(r.Id, r.Name, r.Description, r.Examples, r.Seeded, r.UpdatedBy, r.UpdatedAt);
}
