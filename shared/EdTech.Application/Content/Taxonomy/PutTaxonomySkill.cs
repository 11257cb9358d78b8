using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Content.Taxonomy;

/// <summary>Body of PUT /api/content/taxonomy/skills/{skillId}.</summary>
public sealed record PutTaxonomySkillCommand(string? Name, string? Description, IReadOnlyList<string?>? Examples);

/// <summary>PUT /api/content/taxonomy/skills/{skillId}: creates or replaces one skill.</summary>
public sealed class PutTaxonomySkillHandler(IDocumentStore store, SkillTaxonomyStore taxonomy, TimeProvider clock)
{
    /// <summary>Creates (201) or replaces (200) a skill; 422 naming the field for bad input.</summary>
    public async Task<Outcome<TaxonomySkillView>> HandleAsync(Caller caller, string skillId, PutTaxonomySkillCommand command, CancellationToken ct)
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
