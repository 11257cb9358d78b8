using System.Text.RegularExpressions;

namespace EdTech.Domain.Tenancy;

/// <summary>A school or college. Lower-case letters, digits and dashes so it can prefix keys and instance ids.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(TenantIdJsonConverter))]
public readonly partial record struct TenantId
{
    public const string PlatformValue = "platform";

    public TenantId(string value)
    {
        if (!IsValid(value))
        {
            throw new ArgumentException($"'{value}' is not a valid tenant id.", nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    public static TenantId Platform { get; } = new(PlatformValue);

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
