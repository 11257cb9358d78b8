using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace EdTech.Domain.Serialization;

/// <summary>
/// The stored and API text of a state enum: each member's <see cref="JsonStringEnumMemberNameAttribute"/>. For the few
/// places that need the text outside JSON serialization: store queries that compare a field with a value
/// (<c>DocumentQuery</c>), audit old/new values, API fields and query parameters that stay strings.
/// </summary>
public static class WireEnum
{
    /// <summary>The member's wire name (never its C# name, which <c>ToString()</c> would give).</summary>
    public static string Wire<T>(this T value)
        where T : struct, Enum =>
        Names<T>.ByValue.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} has no member {value}.");

    /// <summary>The member whose wire name is <paramref name="text"/> (exact, ordinal), as the JSON converter reads it.</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        if (text is not null && Names<T>.ByName.TryGetValue(text, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Every member's wire name, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum => Names<T>.InOrder;

    private static class Names<T>
        where T : struct, Enum
    {
        private static readonly IReadOnlyList<(T Value, string Name)> Members = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => ((T)f.GetValue(null)!, f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                ?? throw new InvalidOperationException($"{typeof(T).Name}.{f.Name} has no [JsonStringEnumMemberName].")))
            .ToList();

        public static readonly IReadOnlyList<string> InOrder = [.. Members.Select(m => m.Name)];

        public static readonly FrozenDictionary<T, string> ByValue = Members.ToFrozenDictionary(m => m.Value, m => m.Name);

        public static readonly FrozenDictionary<string, T> ByName = ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}

/// <summary>
/// The JSON converter of every state enum (on the type, so stored documents, the API and durable inputs all use it, whatever
/// their options): each member as its <see cref="JsonStringEnumMemberNameAttribute"/> text; a number is refused (no
/// document ever held one), and so is a string that names no member (<see cref="JsonException"/>). It derives from the
/// framework's converter so OpenAPI documents list the members' names as the schema's enum.
/// </summary>
public sealed class WireEnumConverter<T>() : JsonStringEnumConverter<T>(namingPolicy: null, allowIntegerValues: false)
    where T : struct, Enum;
