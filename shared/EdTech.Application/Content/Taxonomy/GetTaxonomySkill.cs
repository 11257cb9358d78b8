using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Content.Taxonomy;

/// <summary>GET /api/content/taxonomy/skills/{skillId}: one skill (the taxonomy seeded first).</summary>
public sealed class GetTaxonomySkillHandler(IDocumentStore store, SkillTaxonomyStore taxonomy)
{
    public async Task<Outcome<TaxonomySkillView>> HandleAsync(Caller caller, string skillId, CancellationToken ct)
    {
        if (!TaxonomyRules.IsSkillId(skillId))
        {
            return Problem.NotFound("skill");
        }

        await taxonomy.EnsureSeededAsync(caller.Tenant, ct).ConfigureAwait(false);
        return await store.GetAsync<TaxonomySkillRecord>(caller.Tenant, skillId, ct).ConfigureAwait(false) is { } stored
            ? Outcome<TaxonomySkillView>.Ok(TaxonomySkillView.Of(stored.Value))
            : Problem.NotFound("skill");
    }
}
