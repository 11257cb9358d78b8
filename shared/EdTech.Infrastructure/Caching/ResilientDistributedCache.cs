using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace EdTech.Infrastructure.Caching;

/// <summary>
/// Decorates the Redis L2 so that it can never fail or slow a request: every call is bounded by
/// <see cref="EdTechCacheOptions.OperationTimeout"/>; a failure reads as a miss (writes and removals are
/// dropped), logs one warning for the outage and opens a circuit for <see cref="EdTechCacheOptions.BreakDuration"/>
/// during which Redis is not called at all. After the break one call probes Redis; success closes the circuit
/// and logs the recovery. HybridCache then serves from L1 and the source while Redis is away.
/// A caller's own cancellation still propagates.
/// </summary>
public sealed class ResilientDistributedCache : IDistributedCache, IDisposable
{
    private readonly IDistributedCache _inner;
    private readonly TimeProvider _time;
    private readonly ILogger<ResilientDistributedCache> _logger;
    private readonly TimeSpan _timeout;
    private readonly RedisCircuit _circuit;

    public ResilientDistributedCache(IDistributedCache inner, EdTechCacheOptions options, TimeProvider time, ILogger<ResilientDistributedCache> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _timeout = options.OperationTimeout;
        _circuit = new RedisCircuit(time, options.OperationTimeout, options.BreakDuration);
    }

    /// <summary>False while the circuit is open (Redis considered unavailable).</summary>
    public bool IsAvailable => !_circuit.InOutage;

    public byte[]? Get(string key) => Run(() => _inner.Get(key), null, "get");

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        RunAsync(ct => _inner.GetAsync(key, ct), null, "get", token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        Run(() => { _inner.Set(key, value, options); return true; }, false, "set");

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        RunAsync(async ct => { await _inner.SetAsync(key, value, options, ct); return true; }, false, "set", token);

    public void Refresh(string key) => Run(() => { _inner.Refresh(key); return true; }, false, "refresh");

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        RunAsync(async ct => { await _inner.RefreshAsync(key, ct); return true; }, false, "refresh", token);

    public void Remove(string key) => Run(() => { _inner.Remove(key); return true; }, false, "remove");

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        RunAsync(async ct => { await _inner.RemoveAsync(key, ct); return true; }, false, "remove", token);

    public void Dispose() => (_inner as IDisposable)?.Dispose();

    private T Run<T>(Func<T> operation, T fallback, string name)
    {
        if (!_circuit.TryEnter())
        {
            return fallback;
        }

        var outages = _circuit.Generation;
        try
        {
            var result = operation();
            OnSuccess(outages);
            return result;
        }
        catch (Exception ex)
        {
            OnFailure(ex, name);
            return fallback;
        }
    }

    private async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, T fallback, string name, CancellationToken token)
    {
        if (!_circuit.TryEnter())
        {
            return fallback;
        }

        Task<T>? task = null;
        var outages = _circuit.Generation;
        try
        {
            task = operation(token);
            var result = await task.WaitAsync(_timeout, _time, token);
            OnSuccess(outages);
            return result;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            if (task is { IsCompleted: false })
            {
                // Timed out: the Redis call goes on; observe its fault so it is not reported as unobserved.
                _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }

            OnFailure(ex, name);
            return fallback;
        }
    }

    private void OnSuccess(int outagesAtStart)
    {
        if (_circuit.Succeeded(outagesAtStart) is { } outage)
        {
            _logger.LogInformation("Distributed cache (Redis) is available again after {OutageSeconds:F1} s; using it as L2 again", outage.TotalSeconds);
        }
    }

    private void OnFailure(Exception ex, string operation)
    {
        if (_circuit.Failed())
        {
            _logger.LogWarning(ex, "Distributed cache (Redis) failed on {Operation}; serving from the local cache and the source, retrying every {BreakMs} ms",
                operation, _circuit.BreakDuration.TotalMilliseconds);
        }
        else
        {
            _logger.LogDebug(ex, "Distributed cache (Redis) still unavailable on {Operation}", operation);
        }
    }
}
