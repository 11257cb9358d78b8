namespace EdTech.Application.Storage;

/// <summary>
/// A query inside one tenant and container: optionally one partition, and equality on top-level
/// JSON properties (camelCase names, values compared as JSON strings or numbers' text).
/// </summary>
public sealed record DocumentQuery(string? Partition = null, IReadOnlyDictionary<string, string>? FieldEquals = null, int? Limit = null)
{
    public static DocumentQuery All { get; } = new();

    public static DocumentQuery InPartition(string partition) => new(partition);

    public static DocumentQuery Where(string field, string value, string? partition = null) =>
        new(partition, new Dictionary<string, string> { [field] = value });
}
