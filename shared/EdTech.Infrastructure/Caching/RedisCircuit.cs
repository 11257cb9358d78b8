namespace EdTech.Infrastructure.Caching;

/// <summary>
/// The circuit breaker in front of a Redis dependency the app can do without (the L2 cache, the shared rate limits).
/// Closed: every call goes. Open (an outage): calls are skipped until the break is over, then one caller probes while
/// the others keep skipping. Only a call that began after the outage was detected can close it, so a call already in
/// flight when Redis went away cannot complete late and declare it healthy. Callers log the transitions it reports.
/// </summary>
public sealed class RedisCircuit(TimeProvider time, TimeSpan operationTimeout, TimeSpan breakDuration)
{
    private readonly Lock _gate = new();
    private volatile bool _inOutage;
    private DateTimeOffset _retryAt;
    private DateTimeOffset _outageStarted;
    private int _outages;

    public TimeSpan BreakDuration => breakDuration;

    /// <summary>True while the circuit is open.</summary>
    public bool InOutage => _inOutage;

    /// <summary>Open, but the break is over: the next caller would probe.</summary>
    public bool ProbeDue => _inOutage && time.GetUtcNow() >= _retryAt;

    /// <summary>Which outage a call starts in; pass it to <see cref="Succeeded"/>.</summary>
    public int Generation => Volatile.Read(ref _outages);

    /// <summary>Closed: go. Open: skip until the break is over, then let one caller probe (others skip meanwhile).</summary>
    public bool TryEnter()
    {
        if (!_inOutage)
        {
            return true;
        }

        lock (_gate)
        {
            if (!_inOutage)
            {
                return true;
            }

            var now = time.GetUtcNow();
            if (now < _retryAt)
            {
                return false;
            }

            _retryAt = now + operationTimeout + breakDuration;
            return true;
        }
    }

    /// <returns>How long the outage lasted when this success closed the circuit; null otherwise.</returns>
    public TimeSpan? Succeeded(int generationAtStart)
    {
        if (!_inOutage)
        {
            return null;
        }

        lock (_gate)
        {
            if (!_inOutage || generationAtStart != _outages)
            {
                return null;
            }

            _inOutage = false;
            return time.GetUtcNow() - _outageStarted;
        }
    }

    /// <returns>True when this failure opened the circuit (a new outage), false when it was already open.</returns>
    public bool Failed()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var first = !_inOutage;
            if (first)
            {
                _outageStarted = now;
                _outages++;
            }

            _inOutage = true;
            _retryAt = now + breakDuration;
            return first;
        }
    }
}
