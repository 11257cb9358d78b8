using System.Text.Json;

namespace EdTech.Application.Content.Tagging;

/// <summary>A validated model answer for one item.</summary>
public sealed record TagAnswer(IReadOnlyList<string> Tags, string Difficulty, string? Rationale);

/// <summary>
/// The structured-output contract (JSON schema sent to the model) and the strict reader of its answer.
/// Repairs what is harmless (code fences or prose around the object, tag case and spacing, duplicates,
/// too many tags); rejects the rest with a reason. See docs/genai.md.
/// </summary>
public static class TagAnswerSchema
{
    public const string Name = "item_tags";
    public const int MaxTags = 8;
    public const int MaxTagLength = 40;
    public const int MaxRationaleLength = 500;

    public static IReadOnlyList<string> Difficulties { get; } = ["easy", "medium", "hard"];

    /// <summary>Skills the model is asked for at most (the schema's <c>maxItems</c>); the reader still tolerates up to <see cref="MaxTags"/>.</summary>
    public const int MaxSkills = 3;

    /// <summary>
    /// The schema for one request: <c>tags</c> is an array of the candidate skill ids (an <c>enum</c>), so a model honouring
    /// structured output cannot name anything else. Only keywords OpenAI's strict structured-output mode accepts are used
    /// (type, properties, required, additionalProperties: false, enum, items, minItems, maxItems, description).
    /// </summary>
    public static JsonElement SchemaFor(IReadOnlyList<string> skillIds)
    {
        ArgumentNullException.ThrowIfNull(skillIds);
        if (skillIds.Count == 0)
        {
            throw new ArgumentException("The schema needs at least one skill id.", nameof(skillIds));
        }

        var schema = new
        {
            type = "object",
            properties = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["tags"] = new
                {
                    type = "array",
                    items = new { type = "string", @enum = skillIds },
                    minItems = 1,
                    maxItems = MaxSkills,
                    description = "Skill ids from candidateSkills, most relevant first.",
                },
                ["difficulty"] = new { type = "string", @enum = Difficulties },
                ["rationale"] = new { type = "string", description = "One or two sentences: why these skills and this difficulty." },
            },
            required = new[] { "tags", "difficulty", "rationale" },
            additionalProperties = false,
        };
        return JsonSerializer.SerializeToElement(schema);
    }

    /// <summary>
    /// Strict check of a read answer against the request's schema: tags that are not one of <paramref name="allowed"/> are
    /// dropped and counted (an exact id, or the same id in another case/spacing, is kept as the taxonomy spells it).
    /// </summary>
    public static (IReadOnlyList<string> Kept, int Dropped) Constrain(TagAnswer answer, IReadOnlyList<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(allowed);
        var kept = new List<string>();
        var dropped = 0;
        foreach (var tag in answer.Tags)
        {
            var id = allowed.FirstOrDefault(a => a == tag) ?? allowed.FirstOrDefault(a => Normalize(a) == tag);
            if (id is null)
            {
                dropped++;
            }
            else if (!kept.Contains(id, StringComparer.Ordinal) && kept.Count < MaxSkills)
            {
                kept.Add(id);
            }
        }

        return (kept, dropped);
    }

    /// <summary>The answer, or the reason it is unusable.</summary>
    public static (TagAnswer? Answer, string? Error) Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "The model returned no text.");
        }

        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return (null, "The model's answer is not a JSON object.");
        }

        try
        {
            using var doc = JsonDocument.Parse(text.AsMemory(start, end - start + 1));
            return Read(doc.RootElement);
        }
        catch (JsonException)
        {
            return (null, "The model's answer is malformed JSON.");
        }
    }

    private static (TagAnswer? Answer, string? Error) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "The model's answer is not a JSON object.");
        }

        if (!root.TryGetProperty("tags", out var tagsElement) || tagsElement.ValueKind != JsonValueKind.Array)
        {
            return (null, "The model's answer has no 'tags' array.");
        }

        var tags = tagsElement.EnumerateArray()
            .Where(t => t.ValueKind == JsonValueKind.String)
            .Select(t => Normalize(t.GetString()!))
            .Where(t => t.Length is > 0 and <= MaxTagLength)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTags)
            .ToList();
        if (tags.Count == 0)
        {
            return (null, "The model's answer has no usable tag.");
        }

        var difficulty = root.TryGetProperty("difficulty", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()!.Trim().ToLowerInvariant() : null;
        if (difficulty is null || !Difficulties.Contains(difficulty, StringComparer.Ordinal))
        {
            return (null, $"The model's difficulty is not one of {string.Join(", ", Difficulties)}.");
        }

        var rationale = root.TryGetProperty("rationale", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()!.Trim() : null;
        if (rationale is { Length: > MaxRationaleLength })
        {
            rationale = rationale[..MaxRationaleLength];
        }

        return (new TagAnswer(tags, difficulty, string.IsNullOrEmpty(rationale) ? null : rationale), null);
    }

    /// <summary>"  Linear Equations " → "linear-equations".</summary>
    public static string Normalize(string tag) =>
        string.Join('-', tag.Trim().ToLowerInvariant().Split([' ', '_', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
