namespace EdTech.Domain.Assessments;

public static class ItemType
{
    public const string SingleChoice = "single-choice";
    public const string MultiChoice = "multi-choice";
    public const string Numeric = "numeric";
    public const string ShortText = "short-text";
    public const string Essay = "essay";
    public const string TrueFalse = "true-false";
    public const string Matching = "matching";
    public const string Ordering = "ordering";
    public const string FillInTheBlanks = "fill-in-the-blanks";

    public static IReadOnlyList<string> All { get; } = [SingleChoice, MultiChoice, Numeric, ShortText, Essay, TrueFalse, Matching, Ordering, FillInTheBlanks];

    public static bool IsAutoGraded(string type) => type != Essay;
}
