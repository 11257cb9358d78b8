using System.Security.Cryptography;
using System.Text;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Taxonomy;

/// <summary>What a tagger ranks: one skill's id, name, description and example topics.</summary>
public sealed record TaxonomySkill(string SkillId, string Name, string Description, IReadOnlyList<string> Examples);

/// <summary>A tenant's whole taxonomy as a tagger sees it, ordered by skill id.</summary>
public sealed class SkillTaxonomy
{
    public SkillTaxonomy(TenantId tenant, IEnumerable<TaxonomySkill> skills)
    {
        Tenant = tenant;
        Skills = [.. skills.OrderBy(s => s.SkillId, StringComparer.Ordinal)];
        Fingerprint = $"{tenant}:{Hash(Skills)}";
    }

    public TenantId Tenant { get; }

    public IReadOnlyList<TaxonomySkill> Skills { get; }

    /// <summary>Tenant plus a hash of the content: a cache key for whatever a tagger builds from the taxonomy (e.g. an index).</summary>
    public string Fingerprint { get; }

    public bool Contains(string skillId) => Skills.Any(s => s.SkillId == skillId);

    private static string Hash(IReadOnlyList<TaxonomySkill> skills)
    {
        var text = new StringBuilder();
        foreach (var s in skills)
        {
            text.Append(s.SkillId).Append('\u001f').Append(s.Name).Append('\u001f').Append(s.Description).Append('\u001f').AppendJoin('\u001e', s.Examples).Append('\u001d');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
