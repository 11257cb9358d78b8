namespace EdTech.Application.Storage;

/// <summary>
/// A query inside one tenant and container: optionally one partition, and equality on top-level
/// JSON properties (camelCase names, values compared as JSON strings or numbers' text).
/// <see cref="AfterId"/> is a keyset cursor: only ids ordinally greater than it, so a large set is paged
/// with <see cref="Limit"/> without ever loading it whole. <see cref="Conditions"/> (all must hold) add prefix, range and
/// array-membership matches on indexed fields, for lists that filter by text or time (docs/api-lists.md).
/// <see cref="FieldNotEquals"/>: the field is absent or differs (compared as <see cref="FieldEquals"/> compares), so a state added
/// to a record later, whose old documents lack it, is filtered in the store without rewriting them (docs/api-lifecycle.md).
/// </summary>
public sealed record DocumentQuery(
    string? Partition = null, IReadOnlyDictionary<string, string>? FieldEquals = null, int? Limit = null, string? AfterId = null,
    IReadOnlyList<FieldCondition>? Conditions = null, IReadOnlyDictionary<string, string>? FieldNotEquals = null)
{
    public static DocumentQuery All { get; } = new();

    public static DocumentQuery InPartition(string partition) => new(partition);

    public static DocumentQuery Where(string field, string value, string? partition = null) =>
        new(partition, new Dictionary<string, string> { [field] = value });
}
