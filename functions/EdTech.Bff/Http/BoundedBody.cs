using System.Buffers;
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
    public const long ServerLimit = LargestRouteLimit + ChunkBytes;

    /// <summary>The most read at once.</summary>
    private const int ChunkBytes = 64 * 1024;

    /// <returns>The body, or null when it is longer than <paramref name="maxBytes"/>.</returns>
    public static async Task<MemoryStream?> ReadAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        // Sized to the declared length when there is one (a submit is a few KB), and read through a pooled chunk: a fresh
        // 64 KB array per request was a fifth of all bytes the host allocated at the exam peak (docs/benchmarks.md).
        var buffer = request.ContentLength is { } declared and > 0 ? new MemoryStream((int)declared) : new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
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
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer;
    }

    /// <summary>
    /// A chunk of the body. When the server's own limit stops the read (Kestrel's 413 exception), the chunk counts as
    /// longer than any route's limit, so the caller answers its own 413 problem+json instead of a 500.
    /// </summary>
    private static async ValueTask<int> ReadChunkAsync(HttpRequest request, byte[] chunk)
    {
        try
        {
            return await request.Body.ReadAsync(chunk.AsMemory(0, ChunkBytes), request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return int.MaxValue;
        }
    }
}
