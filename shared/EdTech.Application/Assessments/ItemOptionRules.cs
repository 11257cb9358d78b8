using System.Text.RegularExpressions;
using EdTech.Application.Common;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Assessments;

/// <summary>
/// Create-time rules for <see cref="ItemOptions"/> (each error names <c>items[i].options.field</c>) and submit-time rules for
/// the answers to the richer item types (docs/item-types.md).
/// </summary>
public static partial class ItemOptionRules
{
    public const int MaxEntries = 50;
    public const int MaxText = 1000;
    public const int MaxBlankAnswer = 2000;
    public const int MaxPatternsPerAssessment = 20;

    /// <summary>How many patterns an item set carries (short-text and blank patterns together).</summary>
    public static int PatternCount(IReadOnlyList<ItemInput?> items) =>
        items.Sum(i => (i?.Options?.Pattern is null ? 0 : 1) + (i?.Options?.Blanks?.Count(b => b?.Pattern is not null) ?? 0));

    public static bool IsRicherType(string type) =>
        type is ItemType.TrueFalse or ItemType.Matching or ItemType.Ordering or ItemType.FillInTheBlanks;

    /// <summary>Matching and fill-in-the-blanks keep their key in options (pairs, blanks), not in <c>answer</c>.</summary>
    public static bool KeyIsInOptions(string type) => type is ItemType.Matching or ItemType.FillInTheBlanks;

    public static string ChoicesMessage(string type) => type == ItemType.Ordering
        ? "Not used by ordering items: the answer lists the elements in the right order, and students see them shuffled."
        : $"Not used by {type} items.";

    /// <summary>The options as stored: none when every member is absent.</summary>
    public static ItemOptions? Stored(ItemOptions? options) => options is null || options == new ItemOptions() ? null : options;

    public static void Validate(Validation v, ItemInput item, string path)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(item);
        var type = item.Type!;
        var o = item.Options;
        var p = $"{path}.options";
        if (type == ItemType.Matching && o?.Pairs is null)
        {
            v.Add($"{p}.pairs", "Required for matching items: 2 to 50 pairs of left and right.");
        }

        if (type == ItemType.FillInTheBlanks && o?.Blanks is null)
        {
            v.Add($"{p}.blanks", "Required for fill-in-the-blanks items: 1 to 50 blanks, each with its accepted answers.");
        }

        if (o is null)
        {
            return;
        }

        Scoring(v, type, o.Scoring, $"{p}.scoring");
        var text = type is ItemType.ShortText or ItemType.FillInTheBlanks;
        NotFor(v, o.AcceptedAnswers is not null && type != ItemType.ShortText, type, $"{p}.acceptedAnswers");
        NotFor(v, o.Pattern is not null && type != ItemType.ShortText, type, $"{p}.pattern");
        NotFor(v, o.CaseSensitive is not null && !text, type, $"{p}.caseSensitive");
        NotFor(v, o.Whitespace is not null && !text, type, $"{p}.whitespace");
        NotFor(v, o.RelativeTolerance is not null && type != ItemType.Numeric, type, $"{p}.relativeTolerance");
        NotFor(v, o.Pairs is not null && type != ItemType.Matching, type, $"{p}.pairs");
        NotFor(v, o.Distractors is not null && type != ItemType.Matching, type, $"{p}.distractors");
        NotFor(v, o.Blanks is not null && type != ItemType.FillInTheBlanks, type, $"{p}.blanks");

        v.Require(o.RelativeTolerance is null or (>= 0 and <= 1), $"{p}.relativeTolerance", "A fraction of the key from 0 to 1 (0.05 is 5%).");
        Whitespace(v, o.Whitespace, $"{p}.whitespace");
        Pattern(v, o.Pattern, $"{p}.pattern");
        if (o.AcceptedAnswers is not null)
        {
            Texts(v, o.AcceptedAnswers, 1, $"{p}.acceptedAnswers", "accepted answers");
        }

        if (type == ItemType.Matching && o.Pairs is not null)
        {
            Pairs(v, o.Pairs, o.Distractors, p);
        }

        if (type == ItemType.FillInTheBlanks && o.Blanks is not null)
        {
            Blanks(v, o.Blanks, item.Prompt, path);
        }
    }

    /// <returns>Why an ordering key is wrong, or null: 2 to 50 distinct, non-empty elements in the right order.</returns>
    public static string? OrderingKeyError(AnswerValue value) =>
        value.Choices is { Count: >= 2 and <= MaxEntries } elements && elements.All(e => !string.IsNullOrWhiteSpace(e) && e.Length <= MaxText)
        && elements.Distinct(StringComparer.Ordinal).Count() == elements.Count
            ? null
            : $"An array of 2 to {MaxEntries} distinct, non-empty strings of at most {MaxText} characters, in the right order.";

    /// <returns>Why a student's answer does not fit a richer item, or null (an empty answer is a valid, wrong answer).</returns>
    public static string? StudentAnswerError(AssessmentItem item, AnswerValue value)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(value);
        return item.Type switch
        {
            ItemType.TrueFalse => value.Boolean is null ? "true or false." : null,
            ItemType.Matching => MatchingAnswerError(item, value.Pairs),
            ItemType.Ordering => OrderingAnswerError(item.Answer?.Choices ?? [], value.Choices),
            ItemType.FillInTheBlanks => BlanksAnswerError(item.Options?.Blanks?.Count ?? 0, value.Choices),
            _ => "Unknown item type.",
        };
    }

    private static string? MatchingAnswerError(AssessmentItem item, IReadOnlyDictionary<string, string>? pairs)
    {
        if (pairs is null)
        {
            return "An object mapping left sides to right sides, e.g. {\"France\": \"Paris\"}.";
        }

        var lefts = ItemPresentation.LeftSides(item) ?? [];
        var rights = ItemPresentation.RightOptions(item) ?? [];
        if (pairs.Keys.FirstOrDefault(k => !lefts.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            return $"'{Shorten(unknown)}' is not a left side of the item.";
        }

        return pairs.Values.FirstOrDefault(r => !rights.Contains(r, StringComparer.Ordinal)) is { } other
            ? $"'{Shorten(other)}' is not a right-hand option of the item."
            : null;
    }

    private static string? OrderingAnswerError(IReadOnlyList<string> key, IReadOnlyList<string>? order) =>
        order is not null && order.Count == key.Count && order.Order(StringComparer.Ordinal).SequenceEqual(key.Order(StringComparer.Ordinal), StringComparer.Ordinal)
            ? null
            : $"An array of the item's {key.Count} elements, each once, in your order.";

    private static string? BlanksAnswerError(int blanks, IReadOnlyList<string>? answers) =>
        answers is not null && answers.Count == blanks && answers.All(a => a.Length <= MaxBlankAnswer)
            ? null
            : $"An array of {blanks} strings (one per blank, in order; \"\" for a blank left empty), each at most {MaxBlankAnswer} characters.";

    private static void Scoring(Validation v, string type, string? scoring, string field)
    {
        if (scoring is null)
        {
            return;
        }

        var allowed = ItemScoring.AllowedFor(type);
        v.Require(allowed.Contains(scoring), field, allowed.Count == 0 ? $"Not used by {type} items." : $"One of {string.Join(", ", allowed)}.");
    }

    private static void NotFor(Validation v, bool misplaced, string type, string field) =>
        v.Require(!misplaced, field, $"Not used by {type} items.");

    private static void Whitespace(Validation v, string? whitespace, string field) =>
        v.Require(whitespace is null || TextRules.WhitespaceModes.Contains(whitespace), field, $"One of {string.Join(", ", TextRules.WhitespaceModes)}.");

    private static void Pattern(Validation v, string? pattern, string field)
    {
        if (pattern is not null && TextRules.PatternError(pattern) is { } error)
        {
            v.Add(field, error);
        }
    }

    private static void Texts(Validation v, IReadOnlyList<string> texts, int min, string field, string what) =>
        v.Require(texts.Count >= min && texts.Count <= MaxEntries && texts.All(t => !string.IsNullOrWhiteSpace(t) && t.Length <= MaxText)
            && texts.Distinct(StringComparer.Ordinal).Count() == texts.Count,
            field, $"{min} to {MaxEntries} distinct, non-empty {what} of at most {MaxText} characters.");

    private static void Pairs(Validation v, IReadOnlyList<MatchPair> pairs, IReadOnlyList<string>? distractors, string p)
    {
        var wellFormed = pairs.All(x => x is not null && !string.IsNullOrWhiteSpace(x.Left) && !string.IsNullOrWhiteSpace(x.Right)
            && x.Left.Length <= MaxText && x.Right.Length <= MaxText);
        if (pairs.Count is < 2 or > MaxEntries || !wellFormed)
        {
            v.Add($"{p}.pairs", $"2 to {MaxEntries} pairs, each a non-empty left and right of at most {MaxText} characters.");
            return;
        }

        v.Require(pairs.Select(x => x.Left).Distinct(StringComparer.Ordinal).Count() == pairs.Count, $"{p}.pairs", "Each left side once.");
        if (distractors is not null)
        {
            Texts(v, distractors, 0, $"{p}.distractors", "distractors");
            v.Require(!distractors.Any(d => pairs.Any(x => string.Equals(x.Right, d, StringComparison.Ordinal))), $"{p}.distractors", "A distractor is not a right side of a pair.");
        }
    }

    private static void Blanks(Validation v, IReadOnlyList<BlankKey> blanks, string? prompt, string path)
    {
        var p = $"{path}.options.blanks";
        if (blanks.Count is < 1 or > MaxEntries)
        {
            v.Add(p, $"1 to {MaxEntries} blanks.");
            return;
        }

        for (var i = 0; i < blanks.Count; i++)
        {
            var b = blanks[i];
            if (b is null)
            {
                v.Add($"{p}[{i}]", "Required.");
                continue;
            }

            if (b.Accepted is null)
            {
                v.Add($"{p}[{i}].accepted", "Required: 1 to 50 accepted answers.");
            }
            else
            {
                Texts(v, b.Accepted, 1, $"{p}[{i}].accepted", "accepted answers");
            }

            Whitespace(v, b.Whitespace, $"{p}[{i}].whitespace");
            Pattern(v, b.Pattern, $"{p}[{i}].pattern");
        }

        var markers = prompt is null ? [] : BlankMarker().Matches(prompt).Select(m => m.Value).ToList();
        var expected = Enumerable.Range(1, blanks.Count).Select(n => $"{{{{{n}}}}}").ToList();
        v.Require(markers.Count == expected.Count && markers.Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal), StringComparer.Ordinal),
            $"{path}.prompt", $"Marks each blank once where it goes: {{{{1}}}} to {{{{{blanks.Count}}}}}.");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"\{\{[0-9]+\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex BlankMarker();
}
