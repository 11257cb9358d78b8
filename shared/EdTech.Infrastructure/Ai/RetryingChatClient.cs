using System.ClientModel;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace EdTech.Infrastructure.Ai;

/// <summary>How <see cref="RetryingChatClient"/> retries: attempts after the first, the back-off's base and cap, and the longest it keeps trying.</summary>
public sealed record ChatRetryOptions(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan MaxTotal);

/// <summary>
/// Retries a chat call that failed with 408, 429, 500, 502, 503 or 504 (as <see cref="ClientResultException.Status"/>
/// from the Azure OpenAI SDK, or <see cref="HttpRequestException.StatusCode"/> from an HTTP-based client), a network
/// error with no status, or a per-attempt timeout. Waits an exponential back-off with jitter (half the step fixed, half
/// random: base × 2^(n-1), capped) or the server's <c>retry-after-ms</c> / <c>Retry-After</c> when longer. Gives up
/// (rethrows, so the caller's fallback runs) after <see cref="ChatRetryOptions.MaxRetries"/>, or rather than wait past
/// <see cref="ChatRetryOptions.MaxTotal"/> since the first attempt, or when the server asks for more than
/// <see cref="ChatRetryOptions.MaxDelay"/>. The SDK's own retries are off (<see cref="ChatClientServiceCollectionExtensions"/>),
/// so this is the only retry layer. Waits on the <see cref="TimeProvider"/>, so tests do not sleep.
/// </summary>
public sealed partial class RetryingChatClient(IChatClient inner, ChatRetryOptions options, TimeProvider clock, ILogger<RetryingChatClient> logger, Func<double>? random = null)
    : DelegatingChatClient(inner)
{
    private static readonly HashSet<int> Retriable = [408, 429, 500, 502, 503, 504];

    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyCollection<ChatMessage> ?? [.. messages];
        var started = clock.GetTimestamp();
        for (var retry = 1; ; retry++)
        {
            try
            {
                return await base.GetResponseAsync(sent, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && NextDelay(ex, retry, clock.GetElapsedTime(started)) is { } delay)
            {
                LogRetry(logger, ex, StatusOf(ex), retry, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The wait before retry number <paramref name="retry"/>, or null to give up.</summary>
    public TimeSpan? NextDelay(Exception error, int retry, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (retry > options.MaxRetries || !IsTransient(error))
        {
            return null;
        }

        var step = Math.Min(options.MaxDelay.Ticks, options.BaseDelay.Ticks * (1L << Math.Min(retry - 1, 20)));
        var backoff = TimeSpan.FromTicks((long)((step / 2) + (step / 2 * _random())));
        var server = ServerDelay(error);
        if (server > options.MaxDelay)
        {
            return null;
        }

        var delay = server > backoff ? server.Value : backoff;
        return elapsed + delay > options.MaxTotal ? null : delay;
    }

    /// <summary>The HTTP status of a failed call, 0 when it had none (network error, timeout).</summary>
    public static int StatusOf(Exception error) => error switch
    {
        ClientResultException c => c.Status,
        HttpRequestException { StatusCode: { } code } => (int)code,
        _ => 0,
    };

    public static bool IsTransient(Exception error) => error switch
    {
        ClientResultException { Status: 0 } => true,
        ClientResultException c => Retriable.Contains(c.Status),
        HttpRequestException { StatusCode: null } => true,
        HttpRequestException h => Retriable.Contains((int)h.StatusCode!.Value),
        // The SDK's per-attempt NetworkTimeout surfaces as a cancellation the caller did not ask for.
        OperationCanceledException or TimeoutException or IOException => true,
        _ => false,
    };

    /// <summary><c>retry-after-ms</c> (Azure OpenAI) or <c>Retry-After</c> in seconds or as an HTTP date; null when absent.</summary>
    public TimeSpan? ServerDelay(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is not ClientResultException c || c.GetRawResponse()?.Headers is not { } headers)
        {
            return null;
        }

        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        if (!headers.TryGetValue("Retry-After", out var after) || after is null)
        {
            return null;
        }

        if (double.TryParse(after, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(after, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? (date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero)
            : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat model call failed (status {Status}); retry {Retry} in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, Exception exception, int status, int retry, long delayMs);
}
