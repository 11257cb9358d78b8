namespace EdTech.Domain.Assessments;

/// <summary>An answer key or a student's answer: text, a set of choices, or a number.</summary>
public sealed record AnswerValue
{
    private AnswerValue(string? text, IReadOnlyList<string>? choices, decimal? number)
    {
        Text = text;
        Choices = choices;
        Number = number;
    }

    public string? Text { get; }

    public IReadOnlyList<string>? Choices { get; }

    public decimal? Number { get; }

    public static AnswerValue OfText(string text) => new(text, null, null);

    public static AnswerValue OfChoices(IReadOnlyList<string> choices) => new(null, choices, null);

    public static AnswerValue OfNumber(decimal number) => new(null, null, number);

    public bool Equals(AnswerValue? other) =>
        other is not null && Text == other.Text && Number == other.Number &&
        (Choices is null ? other.Choices is null : other.Choices is not null && Choices.SequenceEqual(other.Choices));

    public override int GetHashCode() => HashCode.Combine(Text, Number, Choices?.Count);
}
