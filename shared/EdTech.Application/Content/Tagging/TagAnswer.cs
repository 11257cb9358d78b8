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

    public static JsonElement Schema { get; } = JsonDocument.Parse($$"""
        {
          "type": "object",
          "properties": {
            "tags": { "type": "array", "items": { "type": "string", "maxLength": {{MaxTagLength}} }, "minItems": 1, "maxItems": {{MaxTags}},
                      "description": "Short lower-case topic/skill tags (kebab-case), most specific first." },
            "difficulty": { "type": "string", "enum": ["easy", "medium", "hard"] },
            "rationale": { "type": "string", "description": "One or two sentences: why these tags and this difficulty." }
          },
          "required": ["tags", "difficulty", "rationale"],
          "additionalProperties": false
        }
        """).RootElement.Clone();

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
