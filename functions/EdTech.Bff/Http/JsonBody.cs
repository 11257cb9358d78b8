using System.Text;
using System.Text.Json;
using EdTech.Application.Serialization;
using Microsoft.AspNetCore.Http;

namespace EdTech.Bff.Http;

/// <summary>
/// Reads a JSON body strictly and identically in both hosts: media type (415), size (413, enforced
/// while reading, since the Functions host has no Kestrel limit), syntax and types (400 naming the
/// field). Unknown fields are ignored; server-owned fields are simply absent from the body types.
/// </summary>
public static class JsonBody
{
    public const int DefaultMaxBytes = 256 * 1024;

    /// <summary>The JSON Merge Patch media type (RFC 7396), accepted by PATCH routes besides application/json.</summary>
    public const string MergePatch = "application/merge-patch+json";

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, int maxBytes = DefaultMaxBytes)
        where T : class
    {
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "Unsupported media type", "Send Content-Type: application/json."));
        }

        return await ReadBodyAsync<T>(request, maxBytes).ConfigureAwait(false);
    }

    /// <summary>A PATCH body: <see cref="MergePatch"/> or application/json (else 415), then read as <see cref="ReadAsync{T}"/> reads.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadMergePatchAsync<T>(HttpRequest request, int maxBytes = DefaultMaxBytes)
        where T : class
    {
        if (request.ContentType is not { } contentType
            || !(contentType.StartsWith(MergePatch, StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "Unsupported media type",
                $"Send Content-Type: {MergePatch} or application/json."));
        }

        return await ReadBodyAsync<T>(request, maxBytes).ConfigureAwait(false);
    }

    private static async Task<(T? Value, IResult? Error)> ReadBodyAsync<T>(HttpRequest request, int maxBytes)
        where T : class
    {
        using var buffer = await BoundedBody.ReadAsync(request, maxBytes).ConfigureAwait(false);
        if (buffer is null)
        {
            return (null, TooLarge(maxBytes));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), EdTechJson.Options);
            return value is null ? (null, Invalid("$", "A JSON object is required.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Invalid(ex.Path ?? "$", ex.InnerException is InvalidOperationException or FormatException || ex.Path is not null
                ? "Wrong type or malformed value." : "Malformed JSON."));
        }
        catch (DecoderFallbackException)
        {
            return (null, Invalid("$", "Invalid UTF-8."));
        }
    }

    private static IResult TooLarge(int maxBytes) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "Payload too large", $"The body may be at most {maxBytes} bytes.");

    private static IResult Invalid(string jsonPath, string message)
    {
        var field = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return Problems.ValidationProblem(new Dictionary<string, string[]> { [field.Length == 0 ? "$" : field] = [message] }, "Malformed request body", StatusCodes.Status400BadRequest);
    }
}
