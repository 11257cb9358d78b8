namespace EdTech.Domain.Assessments;

/// <summary>
/// An answer key or a student's answer: text, a list of strings (choices, an order, one text per blank), a number,
/// a boolean (true-false) or pairs (matching: left → right, kept in ordinal order of the left side so equal pairs are equal
/// values and serialize identically).
/// </summary>
public sealed record AnswerValue
{
    private AnswerValue(string? text, IReadOnlyList<string>? choices, decimal? number, bool? boolean = null, IReadOnlyDictionary<string, string>? pairs = null)
    {
        Text = text;
        Choices = choices;
        Number = number;
        Boolean = boolean;
        Pairs = pairs;
    }

    public string? Text { get; }

    public IReadOnlyList<string>? Choices { get; }

    public decimal? Number { get; }

    public bool? Boolean { get; }

    public IReadOnlyDictionary<string, string>? Pairs { get; }

    public static AnswerValue OfText(string text) => new(text, null, null);

    public static AnswerValue OfChoices(IReadOnlyList<string> choices) => new(null, choices, null);

    public static AnswerValue OfNumber(decimal number) => new(null, null, number);

    public static AnswerValue OfBoolean(bool value) => new(null, null, null, boolean: value);

    public static AnswerValue OfPairs(IEnumerable<KeyValuePair<string, string>> pairs) =>
        new(null, null, null, pairs: new SortedDictionary<string, string>(pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal));

    public bool Equals(AnswerValue? other) =>
        other is not null && Text == other.Text && Number == other.Number && Boolean == other.Boolean &&
        (Choices is null ? other.Choices is null : other.Choices is not null && Choices.SequenceEqual(other.Choices)) &&
        (Pairs is null ? other.Pairs is null : other.Pairs is not null && Pairs.SequenceEqual(other.Pairs));

    public override int GetHashCode() => HashCode.Combine(Text, Number, Choices?.Count, Boolean, Pairs?.Count);
}
