namespace EdTech.Domain.Assessments;

/// <summary>
/// Settings beyond the original item fields, each for some item types only (docs/item-types.md). Every member is optional:
/// absent means the type's default, so an item without options grades as items did before they existed.
/// </summary>
/// <param name="Scoring">The partial-credit rule (<see cref="ItemScoring"/>); multi-choice, matching, ordering, fill-in-the-blanks.</param>
/// <param name="AcceptedAnswers">Short text: accepted besides the item's answer.</param>
/// <param name="CaseSensitive">Short text and blanks: false (default) compares ignoring case (ordinal).</param>
/// <param name="Whitespace">Short text and blanks: one of <see cref="TextRules.WhitespaceModes"/>; default trim.</param>
/// <param name="Pattern">Short text and blanks: a .NET regular expression the whole normalized answer may match instead.</param>
/// <param name="RelativeTolerance">Numeric: a fraction of the key's magnitude (0.05 = 5%).</param>
/// <param name="Pairs">Matching: the key, each left side with its right side.</param>
/// <param name="Distractors">Matching: right-side options that belong to no pair.</param>
/// <param name="Blanks">Fill-in-the-blanks: the key of each blank, in the order of the prompt's {{1}}, {{2}}, ...</param>
public sealed record ItemOptions(
    string? Scoring = null,
    IReadOnlyList<string>? AcceptedAnswers = null,
    bool? CaseSensitive = null,
    string? Whitespace = null,
    string? Pattern = null,
    decimal? RelativeTolerance = null,
    IReadOnlyList<MatchPair>? Pairs = null,
    IReadOnlyList<string>? Distractors = null,
    IReadOnlyList<BlankKey>? Blanks = null);

/// <summary>One pair of a matching item's key.</summary>
public sealed record MatchPair(string Left, string Right);

/// <summary>One blank's key: its accepted answers and text rules (each rule absent: the item's, then the default).</summary>
public sealed record BlankKey(IReadOnlyList<string> Accepted, bool? CaseSensitive = null, string? Whitespace = null, string? Pattern = null);
