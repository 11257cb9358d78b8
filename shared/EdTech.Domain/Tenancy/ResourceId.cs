using System.Text.RegularExpressions;

namespace EdTech.Domain.Tenancy;

/// <summary>Ids of users, courses, assessments, items: safe in keys, paths and durable instance ids.</summary>
public static partial class ResourceId
{
    public const int MaxLength = 128;

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    public static string New() => Guid.NewGuid().ToString("n");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
