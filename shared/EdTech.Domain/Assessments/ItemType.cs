namespace EdTech.Domain.Assessments;

public static class ItemType
{
    public const string SingleChoice = "single-choice";
    public const string MultiChoice = "multi-choice";
    public const string Numeric = "numeric";
    public const string ShortText = "short-text";
    public const string Essay = "essay";

    public static IReadOnlyList<string> All { get; } = [SingleChoice, MultiChoice, Numeric, ShortText, Essay];

    public static bool IsAutoGraded(string type) => type != Essay;
}
