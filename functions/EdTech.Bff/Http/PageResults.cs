using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using EdTech.Application.Common;
using EdTech.Application.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EdTech.Bff.Http;

/// <summary>
/// A page of a list with a validator: <c>ETag</c> is a hash of the page as it is sent, so a client that sends it back in
/// <c>If-None-Match</c> gets 304 with no body when the page has not changed. The page is read from the store either way
/// (the hash is of the result, not a stored version), so a 304 saves the client bandwidth, not the server a read.
/// </summary>
public static class PageResults
{
    public static Results<Ok<Page<T>>, NotModified, ProblemHttpResult> Ok<T>(HttpContext context, Outcome<Page<T>> outcome)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Problem is { } problem)
        {
            return Problems.Of(problem);
        }

        // Lists of a caller's own data: never kept by shared caches; the client revalidates with If-None-Match.
        context.Response.Headers.CacheControl = "no-store";
        var etag = ETagOf(outcome.Value!);
        context.Response.Headers.ETag = etag;
        return Matches(context.Request.Headers.IfNoneMatch.ToString(), etag)
            ? NotModified.Instance
            : TypedResults.Ok(outcome.Value);
    }

    public static string ETagOf<T>(Page<T> page)
    {
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(page, EdTechJson.Options));
        return $"W/\"{Base64Url.EncodeToString(hash.AsSpan(0, 16))}\"";
    }

    /// <summary>Weak comparison (RFC 9110 §13.1.2): any listed tag, weak or strong, equal in its opaque part; or <c>*</c>.</summary>
    private static bool Matches(string ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Length == 0)
        {
            return false;
        }

        var opaque = Opaque(etag);
        return ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(t => t == "*" || string.Equals(Opaque(t), opaque, StringComparison.Ordinal));
    }

    private static string Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
}
