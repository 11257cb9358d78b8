using EdTech.Infrastructure.Caching;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace EdTech.Infrastructure.Limits;

/// <summary>One token bucket to take from: its Redis key (without the deployment prefix) and its limits.</summary>
public sealed record SharedBucket(string Key, double TokensPerSecond, int Burst);

/// <summary>The answer for one request: admitted, or rejected by bucket <see cref="RejectedBy"/> until <see cref="RetryAfter"/>.</summary>
public sealed record SharedDecision(bool Allowed, TimeSpan RetryAfter, int RejectedBy);

/// <summary>
/// Token buckets shared by every instance, in Redis (the cache's Redis): one Lua script per request checks all
/// of its buckets and takes a token from each only when all have one (all or nothing, atomically, on the Redis
/// server's clock, so instances' clocks do not matter). A request costs one round trip.
/// Fails open: when Redis cannot answer within <see cref="EdTechCacheOptions.OperationTimeout"/> it returns null (the
/// caller decides with its per-instance buckets), logs one warning for the outage and does not call Redis for
/// <see cref="EdTechCacheOptions.BreakDuration"/>; then one call probes, and success logs the recovery.
/// </summary>
public sealed partial class SharedRateLimitStore : IAsyncDisposable
{
    /// <summary>
    /// KEYS: the buckets; ARGV: rate (tokens/s) and burst of each, in pairs. A bucket is a hash {tokens, ts (ms)};
    /// a missing bucket is full. Returns {1} when admitted, else {0, wait ms, 1-based index of the first empty bucket}.
    /// Nothing is written on a rejection, so a rejected request takes nothing from any bucket.
    /// </summary>
    internal const string Script = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local level = {}
        local wait = 0
        local first = 0
        for i = 1, #KEYS do
          local rate = tonumber(ARGV[2 * i - 1]) / 1000
          local burst = tonumber(ARGV[2 * i])
          local b = redis.call('HMGET', KEYS[i], 'tokens', 'ts')
          local tokens = tonumber(b[1])
          local ts = tonumber(b[2])
          if tokens == nil or ts == nil then
            tokens = burst
            ts = now
          end
          if now > ts then
            tokens = tokens + (now - ts) * rate
          end
          if tokens > burst then
            tokens = burst
          end
          level[i] = tokens
          if tokens < 1 then
            local w = math.ceil((1 - tokens) / rate)
            if w > wait then
              wait = w
            end
            if first == 0 then
              first = i
            end
          end
        end
        if first > 0 then
          return {0, wait, first}
        end
        for i = 1, #KEYS do
          local rate = tonumber(ARGV[2 * i - 1]) / 1000
          local burst = tonumber(ARGV[2 * i])
          redis.call('HSET', KEYS[i], 'tokens', tostring(level[i] - 1), 'ts', tostring(now))
          redis.call('PEXPIRE', KEYS[i], math.ceil(burst / rate) + 1000)
        end
        return {1}
        """;

    private readonly Func<Task<IConnectionMultiplexer>> _connect;
    private readonly EdTechCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SharedRateLimitStore> _logger;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly RedisCircuit _circuit;
    private IConnectionMultiplexer? _connection;

    /// <param name="connect">Opens the connection (once, on first use; again after a failed attempt).</param>
    public SharedRateLimitStore(Func<Task<IConnectionMultiplexer>> connect, EdTechCacheOptions options, TimeProvider time, ILogger<SharedRateLimitStore> logger)
    {
        _connect = connect ?? throw new ArgumentNullException(nameof(connect));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _circuit = new RedisCircuit(time, options.OperationTimeout, options.BreakDuration);
    }

    /// <summary>"rl:{tenant}:scope[:user]": the hash tag keeps one tenant's buckets in one slot (a cluster runs the script on them together).</summary>
    public static string Key(string tenant, string scope, string? user = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        ArgumentException.ThrowIfNullOrEmpty(scope);
        return user is null ? $"rl:{{{tenant}}}:{scope}" : $"rl:{{{tenant}}}:{scope}:{user}";
    }

    /// <summary>False while Redis is considered unavailable (the circuit is open): decide locally without asking.</summary>
    public bool IsAvailable => !_circuit.InOutage || _circuit.ProbeDue;

    /// <summary>Takes a token from every bucket or from none; null when Redis did not answer (decide locally).</summary>
    public async Task<SharedDecision?> TryTakeAsync(IReadOnlyList<SharedBucket> buckets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        if (buckets.Count == 0)
        {
            return new SharedDecision(true, TimeSpan.Zero, 0);
        }

        if (!_circuit.TryEnter())
        {
            return null;
        }

        var outages = _circuit.Generation;
        Task<RedisResult>? call = null;
        try
        {
            var connection = await ConnectAsync().WaitAsync(_options.ConnectTimeout + _options.OperationTimeout, _time, cancellationToken).ConfigureAwait(false);
            var keys = buckets.Select(b => new RedisKey(_options.KeyPrefix + b.Key)).ToArray();
            var args = buckets.SelectMany(b => new RedisValue[] { b.TokensPerSecond, b.Burst }).ToArray();
            call = connection.GetDatabase().ScriptEvaluateAsync(Script, keys, args);
            var result = (RedisResult[])(await call.WaitAsync(_options.OperationTimeout, _time, cancellationToken).ConfigureAwait(false))!;
            OnSuccess(outages);
            return (int)result[0] == 1
                ? new SharedDecision(true, TimeSpan.Zero, 0)
                : new SharedDecision(false, TimeSpan.FromMilliseconds((long)result[1]), (int)result[2]);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // fail open: whatever Redis does, the caller decides locally; never a 5xx
        catch (Exception error)
#pragma warning restore CA1031
        {
            if (call is { IsCompleted: false })
            {
                _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }

            OnFailure(error);
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _connecting.Dispose();
    }

    private async Task<IConnectionMultiplexer> ConnectAsync()
    {
        if (_connection is { } connected)
        {
            return connected;
        }

        await _connecting.WaitAsync().ConfigureAwait(false);
        try
        {
            return _connection ??= await _connect().ConfigureAwait(false);
        }
        finally
        {
            _connecting.Release();
        }
    }

    private void OnSuccess(int outagesAtStart)
    {
        if (_circuit.Succeeded(outagesAtStart) is { } outage)
        {
            LogRecovered(_logger, outage.TotalSeconds);
        }
    }

    private void OnFailure(Exception error)
    {
        if (_circuit.Failed())
        {
            LogOutage(_logger, error, _circuit.BreakDuration.TotalMilliseconds);
        }
        else
        {
            LogStillDown(_logger, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shared rate limits (Redis) unavailable; each instance applies its own limits, retrying every {BreakMs} ms")]
    private static partial void LogOutage(ILogger logger, Exception error, double breakMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shared rate limits (Redis) still unavailable")]
    private static partial void LogStillDown(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shared rate limits (Redis) available again after {OutageSeconds:F1} s; limits hold across instances again")]
    private static partial void LogRecovered(ILogger logger, double outageSeconds);
}
