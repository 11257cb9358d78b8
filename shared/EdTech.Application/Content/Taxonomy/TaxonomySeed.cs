using EdTech.Application.Content.Tagging;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Taxonomy;

/// <summary>
/// The first taxonomy of a tenant: one skill per distinct skill its assessment items already carry. The skill's
/// examples are (up to three) prompts of items tagged with it, which is what gives the offline tagger something to
/// match until a content author describes the skill. Skill strings that are not valid ids are kebab-cased
/// ("Linear equations" → "linear-equations", name kept); any still invalid are skipped.
/// </summary>
public static class TaxonomySeed
{
    public const string SeededBy = "seed";
    public const int MaxExamples = 3;
    public const int MaxExampleLength = 200;

    /// <summary>Creates the seeded skills (an existing one is left as it is, so concurrent seeding is harmless); returns how many exist after.</summary>
    public static async Task<int> SeedAsync(IDocumentStore store, TenantId tenant, DateTimeOffset now, CancellationToken ct)
    {
        var found = new SortedDictionary<string, SeedEntry>(StringComparer.Ordinal);
        string? after = null;
        do
        {
            var page = await store.QueryAsync<AssessmentRecord>(tenant, new DocumentQuery(Limit: 200, AfterId: after), ct).ConfigureAwait(false);
            foreach (var item in page.SelectMany(a => a.Value.Assessment.Items))
            {
                foreach (var skill in item.Skills.Select(s => s.Trim()).Distinct(StringComparer.Ordinal))
                {
                    if (IdOf(skill) is not { } id)
                    {
                        continue;
                    }

                    var entry = found.TryGetValue(id, out var e) ? e : found[id] = new SeedEntry(skill);
                    entry.Items++;
                    if (entry.Examples.Count < MaxExamples)
                    {
                        entry.Examples.Add(Truncate(item.Prompt, MaxExampleLength));
                    }
                }
            }

            after = page.Count == 200 ? page[^1].Value.Id : null;
        }
        while (after is not null && found.Count < SkillTaxonomyStore.MaxSkills);

        foreach (var (id, entry) in found.Take(SkillTaxonomyStore.MaxSkills))
        {
            var description = $"Seeded from the {entry.Items} item(s) already tagged '{entry.Name}'. Describe the skill here.";
            var record = new TaxonomySkillRecord(id, Truncate(entry.Name, TaxonomyRules.MaxNameLength), description, entry.Examples, SeededBy, now, Seeded: true);
            await store.CreateAsync(tenant, record, ct).ConfigureAwait(false);
        }

        return found.Count;
    }

    /// <summary>The taxonomy id of an item's skill string, or null when it cannot be one.</summary>
    public static string? IdOf(string skill)
    {
        if (TaxonomyRules.IsSkillId(skill))
        {
            return skill;
        }

        var kebab = TagAnswerSchema.Normalize(skill);
        return TaxonomyRules.IsSkillId(kebab) ? kebab : null;
    }

    private static string Truncate(string s, int max) => s.Length > max ? s[..max] : s;

    private sealed class SeedEntry(string name)
    {
        public string Name { get; } = name;

        public int Items { get; set; }

        public List<string> Examples { get; } = [];
    }
}
