namespace EdTech.Application.Storage;

/// <summary>How a <see cref="FieldMatch"/> compares a stored top-level field with its value (always as text, ordinally).</summary>
public enum FieldMatchKind
{
    /// <summary>The field is text starting with the value.</summary>
    StartsWith,

    /// <summary>The field is text ordinally at least the value (an inclusive lower bound; <c>""</c> = the field is text).</summary>
    AtLeast,

    /// <summary>The field is text ordinally below the value (an exclusive upper bound).</summary>
    Below,

    /// <summary>The field is an array holding the value (indexed as <c>name/[]</c> in <see cref="QueriedFields"/>).</summary>
    ArrayContains,
}

/// <summary>
/// One comparison. <see cref="Field"/> is a top-level record field (camelCase) the container lists in <see cref="QueriedFields"/>,
/// or <c>id</c> (always indexed). A field that is missing or not text never matches (as in Cosmos, where comparing across types
/// is undefined).
/// </summary>
public sealed record FieldMatch(string Field, FieldMatchKind Kind, string Value);

/// <summary>A condition of a <see cref="DocumentQuery"/>: true when any of its matches holds (a text search over several fields).</summary>
public sealed record FieldCondition(IReadOnlyList<FieldMatch> AnyOf)
{
    public static FieldCondition Of(string field, FieldMatchKind kind, string value) => new([new FieldMatch(field, kind, value)]);
}
