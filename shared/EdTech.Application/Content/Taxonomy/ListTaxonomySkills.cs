using EdTech.Application.Common;

namespace EdTech.Application.Content.Taxonomy;

/// <summary>GET /api/content/taxonomy/skills: the skills, paged by id.</summary>
public sealed class ListTaxonomySkillsHandler(SkillTaxonomyStore taxonomy)
{
    public async Task<Outcome<Page<TaxonomySkillView>>> HandleAsync(Caller caller, string? limit, string? next, CancellationToken ct)
    {
        var request = PageRequest.Parse(limit, next);
        if (request.Problem is { } problem)
        {
            return problem;
        }

        var (size, after) = request.Value!;
        // One more than asked tells whether a next page exists without a second query.
        var page = await taxonomy.PageAsync(caller.Tenant, size + 1, after, ct).ConfigureAwait(false);
        var items = page.Take(size).Select(TaxonomySkillView.Of).ToList();
        return Outcome<Page<TaxonomySkillView>>.Ok(new Page<TaxonomySkillView>(items, page.Count > size ? PageRequest.TokenAfter(items[^1].SkillId) : null));
    }
}
