using EdTech.Infrastructure.Caching;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EdTech.Infrastructure.Tests.Caching;

/// <summary>The circuit breaker on its own, with a fake L2 and a fake clock.</summary>
public sealed class ResilientDistributedCacheTests
{
    private static readonly EdTechCacheOptions Options = new() { OperationTimeout = TimeSpan.FromMilliseconds(300), BreakDuration = TimeSpan.FromSeconds(5) };
    private readonly FakeTimeProvider _time = new();
    private readonly FlakyCache _inner = new();
    private readonly ListLoggerProvider _logs = new();

    [Fact]
    public async Task Failure_ReadsAsMiss_AndSkipsRedisUntilBreakIsOver()
    {
        var cache = NewCache();
        _inner.Down = true;

        Assert.Null(await cache.GetAsync("k"));
        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions());
        await cache.RemoveAsync("k");
        Assert.Null(cache.Get("k"));

        Assert.Equal(1, _inner.Calls);
        Assert.False(cache.IsAvailable);
    }

    [Fact]
    public async Task AfterBreak_OneProbe_AndRecoveryIsLogged()
    {
        var cache = NewCache();
        _inner.Down = true;
        await cache.GetAsync("k");
        _time.Advance(TimeSpan.FromSeconds(5));
        await cache.GetAsync("k"); // probe fails: circuit opens again, no second warning
        await cache.GetAsync("k");
        Assert.Equal(2, _inner.Calls);

        _inner.Down = false;
        _time.Advance(TimeSpan.FromSeconds(6));
        await cache.SetAsync("k", [7], new DistributedCacheEntryOptions());

        Assert.True(cache.IsAvailable);
        Assert.Equal(new byte[] { 7 }, await cache.GetAsync("k"));
        Assert.Single(_logs.Messages(LogLevel.Warning, nameof(ResilientDistributedCache)));
        Assert.Single(_logs.Messages(LogLevel.Information, nameof(ResilientDistributedCache)), m => m.Contains("available again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecondOutage_LogsSecondWarning()
    {
        var cache = NewCache();
        _inner.Down = true;
        await cache.GetAsync("k");
        _inner.Down = false;
        _time.Advance(TimeSpan.FromSeconds(6));
        await cache.GetAsync("k");
        _inner.Down = true;
        await cache.GetAsync("k");

        Assert.Equal(2, _logs.Messages(LogLevel.Warning, nameof(ResilientDistributedCache)).Count);
    }

    [Fact]
    public async Task CallInFlightBeforeTheOutage_CompletingLate_DoesNotCloseTheCircuit()
    {
        var cache = NewCache();
        var held = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _inner.HeldGet = held.Task;
        var early = cache.GetAsync("k");
        _inner.HeldGet = null;

        _inner.Down = true;
        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions());
        held.SetResult(null);
        await early;

        Assert.False(cache.IsAvailable);
        Assert.Empty(_logs.Messages(LogLevel.Information, nameof(ResilientDistributedCache)));
        _inner.Down = false;
        Assert.Null(await cache.GetAsync("k")); // still inside the break: Redis is not called
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task CallerCancellation_Propagates()
    {
        var cache = NewCache();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cache.GetAsync("k", cts.Token));
        Assert.True(cache.IsAvailable);
    }

    private ResilientDistributedCache NewCache() =>
        new(_inner, Options, _time, new LoggerFactory([_logs]).CreateLogger<ResilientDistributedCache>());

    private sealed class FlakyCache : IDistributedCache
    {
        private readonly Dictionary<string, byte[]> _values = [];

        public bool Down { get; set; }

        public int Calls { get; private set; }

        public byte[]? Get(string key) => Call(() => _values.GetValueOrDefault(key));

        /// <summary>When set, the next async get is counted and returns this task (a call still in flight).</summary>
        public Task<byte[]?>? HeldGet { get; set; }

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default)
        {
            token.ThrowIfCancellationRequested();
            if (HeldGet is { } held)
            {
                Calls++;
                return held;
            }

            return Task.FromResult(Get(key));
        }

        public void Refresh(string key) => Call(() => key);

        public Task RefreshAsync(string key, CancellationToken token = default) => Task.FromResult(Call(() => key));

        public void Remove(string key) => Call(() => _values.Remove(key));

        public Task RemoveAsync(string key, CancellationToken token = default) => Task.FromResult(Call(() => _values.Remove(key)));

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Call(() => _values[key] = value);

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
            Task.FromResult(Call(() => _values[key] = value));

        private T Call<T>(Func<T> operation)
        {
            Calls++;
            return Down ? throw new InvalidOperationException("Redis is down (fake).") : operation();
        }
    }
}
