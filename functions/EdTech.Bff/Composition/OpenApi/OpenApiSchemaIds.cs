using System.Text;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace EdTech.Bff.Composition.OpenApi;

/// <summary>
/// Component names valid per OpenAPI (<c>^[a-zA-Z0-9.\-_]+$</c>): the framework's default id, with <c>[]</c> spelled
/// <c>Array</c> (<c>OptionalOfString[]</c> becomes <c>OptionalOfStringArray</c>) and any other character outside the set
/// dropped. Types the framework inlines stay inlined.
/// </summary>
internal static class OpenApiSchemaIds
{
    public static string? Create(JsonTypeInfo type) => OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id ? Sanitize(id) : null;

    public static string Sanitize(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var text = id.Replace("[]", "Array", StringComparison.Ordinal);
        var valid = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            {
                valid.Append(c);
            }
        }

        return valid.ToString();
    }
}
