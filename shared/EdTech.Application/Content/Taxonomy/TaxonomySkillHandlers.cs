using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Content.Taxonomy;

/// <summary>Body of PUT /api/content/taxonomy/skills/{skillId}.</summary>
public sealed record PutTaxonomySkillCommand(string? Name, string? Description, IReadOnlyList<string?>? Examples);

public sealed record TaxonomySkillView(string SkillId, string Name, string Description, IReadOnlyList<string> Examples, bool Seeded, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public static TaxonomySkillView Of(TaxonomySkillRecord r) => new(r.Id, r.Name, r.Description, r.Examples, r.Seeded, r.UpdatedBy, r.UpdatedAt);
}

/// <summary>The content team's taxonomy routes: get one, list (paged by id), create or replace one.</summary>
public sealed class TaxonomySkillHandlers(IDocumentStore store, SkillTaxonomyStore taxonomy, TimeProvider clock)
{
    public async Task<Outcome<TaxonomySkillView>> GetAsync(Caller caller, string skillId, CancellationToken ct)
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

    public async Task<Outcome<Page<TaxonomySkillView>>> ListAsync(Caller caller, string? limit, string? next, CancellationToken ct)
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

    /// <summary>Creates (201) or replaces (200) a skill; 422 naming the field for bad input.</summary>
    public async Task<Outcome<TaxonomySkillView>> PutAsync(Caller caller, string skillId, PutTaxonomySkillCommand command, CancellationToken ct)
    {
        if (Validate(skillId, command) is { } problem)
        {
            return problem;
        }

        // Seed first, so a tenant whose first act is to write one skill still gets the items' skills beside it.
        await taxonomy.EnsureSeededAsync(caller.Tenant, ct).ConfigureAwait(false);
        var record = new TaxonomySkillRecord(
            skillId,
            command.Name!.Trim(),
            command.Description!.Trim(),
            [.. (command.Examples ?? []).Select(e => e!.Trim())],
            caller.UserId,
            clock.GetUtcNow());
        var (status, _) = await store.ReplaceAsync(caller.Tenant, record, ifMatch: null, ct).ConfigureAwait(false);
        var view = TaxonomySkillView.Of(record);
        return status == WriteStatus.Created ? Outcome<TaxonomySkillView>.New(view) : Outcome<TaxonomySkillView>.Ok(view);
    }

    private static Problem? Validate(string skillId, PutTaxonomySkillCommand command)
    {
        var v = new Validation().SkillId(skillId)
            .Text(command.Name, "name", TaxonomyRules.MaxNameLength)
            .Text(command.Description, "description", TaxonomyRules.MaxDescriptionLength);
        if (command.Examples is { } examples)
        {
            v.Require(examples.Count <= TaxonomyRules.MaxExamples, "examples", $"At most {TaxonomyRules.MaxExamples} examples.");
            for (var i = 0; i < examples.Count && i < TaxonomyRules.MaxExamples; i++)
            {
                v.Text(examples[i], $"examples[{i}]", TaxonomyRules.MaxExampleLength);
            }
        }

        return v.IsValid ? null : v.ToProblem();
    }
}
