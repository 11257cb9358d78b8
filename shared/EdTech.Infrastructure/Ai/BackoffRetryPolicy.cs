using System.ClientModel.Primitives;
using System.Globalization;

namespace EdTech.Infrastructure.Ai;

/// <summary>
/// Retries what <see cref="ClientRetryPolicy"/> deems retriable (408, 429, 500, 502, 503, 504, network
/// errors) with exponential back-off from a configured base delay, capped at 30 s; a server's
/// <c>retry-after-ms</c> / <c>Retry-After</c> (seconds) wins when longer, within the same cap.
/// </summary>
internal sealed class BackoffRetryPolicy(int maxRetries, TimeSpan baseDelay) : ClientRetryPolicy(maxRetries)
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    protected override TimeSpan GetNextDelay(PipelineMessage message, int tryCount)
    {
        var backoff = TimeSpan.FromTicks(Math.Min(Cap.Ticks, baseDelay.Ticks * (1L << Math.Min(tryCount - 1, 16))));
        var server = ServerDelay(message);
        return server > backoff ? (server < Cap ? server : Cap) : backoff;
    }

    private static TimeSpan ServerDelay(PipelineMessage message)
    {
        var headers = message.Response?.Headers;
        if (headers is null)
        {
            return TimeSpan.Zero;
        }

        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis))
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        return headers.TryGetValue("Retry-After", out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.Zero;
    }
}
