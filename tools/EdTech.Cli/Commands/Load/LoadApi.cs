using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace EdTech.Cli.Commands.Load;

/// <summary>The public API as the benchmark uses it: one pooled HttpClient, bodies serialized up front.</summary>
public sealed class LoadApi : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient client;

    public LoadApi(Uri baseUrl, int maxConnections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(30),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        client = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) };
    }

    public static byte[] Serialize(object body) => JsonSerializer.SerializeToUtf8Bytes(body, Json);

    /// <summary>Sends and reads the whole answer; the status and body are returned, transport failures throw.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? token, byte[]? body, string? idempotencyKey, CancellationToken cancellationToken, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = JsonType;
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>A GET whose ETag the caller needs (for a later If-Match).</summary>
    public async Task<(HttpStatusCode Status, string? ETag, string Body)> GetWithETagAsync(string path, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return (response.StatusCode, response.Headers.ETag?.ToString(), await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string token, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, token, Serialize(body), null, cancellationToken);

    public void Dispose() => client.Dispose();
}

/// <summary>Counts failures of one phase and keeps the first few for the report.</summary>
public sealed class ErrorSamples(string phase, int keep = 5)
{
    private readonly List<string> samples = [];
    private int count;

    public int Count => count;

    public void Add(string detail)
    {
        if (Interlocked.Increment(ref count) <= keep)
        {
            lock (samples)
            {
                samples.Add(detail.Length > 500 ? detail[..500] + "..." : detail);
            }
        }
    }

    public void Print(TextWriter writer)
    {
        lock (samples)
        {
            foreach (var sample in samples)
            {
                writer.WriteLine($"  [{phase}] {sample}");
            }
        }
    }
}
