using System.Text.Json;
using System.Text.Json.Serialization;
using EdTech.Application.Content.Taxonomy;
using EdTech.Domain.Assessments;
using EdTech.Domain.Tenancy;

namespace EdTech.Cli.Commands.Evaluate;

/// <summary>A labelled tagging fixture (tools/EdTech.Cli/fixtures/tagging.json): a taxonomy and items with expert skills and difficulty.</summary>
public sealed record TaggingFixture(string? About, IReadOnlyList<TaxonomySkill> Taxonomy, IReadOnlyList<LabelledItem> Items)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    public static TaggingFixture Read(string path)
    {
        var fixture = JsonSerializer.Deserialize<TaggingFixture>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is not a tagging fixture.");
        var unknown = fixture.Items.SelectMany(i => i.Skills).Where(s => !fixture.Taxonomy.Any(t => t.SkillId == s)).Distinct().ToList();
        return unknown.Count == 0 ? fixture : throw new InvalidDataException($"{path} labels items with skills outside its taxonomy: {string.Join(", ", unknown)}.");
    }

    public SkillTaxonomy TaxonomyOf(TenantId tenant) => new(tenant, Taxonomy);
}

/// <param name="Skills">The expert's skills, most central first.</param>
/// <param name="Difficulty">The expert's difficulty, 1 easiest … 5 hardest.</param>
public sealed record LabelledItem(string Id, string Type, string Prompt, IReadOnlyList<string>? Choices, JsonElement? Answer, IReadOnlyList<string> Skills, int Difficulty)
{
    /// <summary>The item as a tagger sees it: without the expert's skills.</summary>
    public AssessmentItem ToItem() => new(Id, Type, Prompt, Choices, AnswerOf(Answer), null, 1, []);

    private static AnswerValue? AnswerOf(JsonElement? answer) => answer switch
    {
        { ValueKind: JsonValueKind.String } a => AnswerValue.OfText(a.GetString()!),
        { ValueKind: JsonValueKind.Number } a => AnswerValue.OfNumber(a.GetDecimal()),
        { ValueKind: JsonValueKind.Array } a => AnswerValue.OfChoices([.. a.EnumerateArray().Select(e => e.GetString()!)]),
        _ => null,
    };
}
