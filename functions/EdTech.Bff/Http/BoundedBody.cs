using Microsoft.AspNetCore.Http;

namespace EdTech.Bff.Http;

/// <summary>
/// A request body read whole, counted while reading: the Functions host has no Kestrel size limit, and a
/// Content-Length can be absent or wrong. Callers answer 413 in their own words when this returns null.
/// </summary>
public static class BoundedBody
{
    /// <summary>
    /// The largest body any route accepts (the OneRoster zip). A host's own server limit must be at least this, so each
    /// route's own rule (413 problem+json) decides, never the server's rejection (which surfaced as a 500).
    /// </summary>
    public const int LargestRouteLimit = 16 * 1024 * 1024;

    /// <summary>The LocalHost's Kestrel limit: the largest route limit plus one read chunk, so a route always sees its own limit crossed first.</summary>
    public const long ServerLimit = LargestRouteLimit + (64 * 1024);

    /// <returns>The body, or null when it is longer than <paramref name="maxBytes"/>.</returns>
    public static async Task<MemoryStream?> ReadAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await ReadChunkAsync(request, chunk).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                await buffer.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer;
    }

    /// <summary>
    /// A chunk of the body. When the server's own limit stops the read (Kestrel's 413 exception), the chunk counts as
    /// longer than any route's limit, so the caller answers its own 413 problem+json instead of a 500.
    /// </summary>
    private static async Task<int> ReadChunkAsync(HttpRequest request, byte[] chunk)
    {
        try
        {
            return await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return int.MaxValue;
        }
    }
}
