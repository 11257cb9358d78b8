using EdTech.Application.ChangeFeed;
using Microsoft.AspNetCore.Http;

namespace EdTech.Bff.Http;

/// <summary>
/// Counts requests in progress and how many arrive. Busy at or above an in-flight threshold ("Pump:BusyInFlight",
/// default 8), and for a short hold time after: during a burst the count dips between requests, and each dip must
/// not let background work take a large step. Saturated while commands (requests other than GET/HEAD) arrive at
/// "Pump:SaturatedCommandsPerSecond" or faster (measured over the last complete half second): a rate the host can
/// acknowledge but not also grade, so grading yields until the rate drops. Reads do not count: they are cheap
/// (projections, caches), and counting them let students polling for late results hold grading back for good.
/// Also saturated, for a second, once <see cref="QueueingInFlight"/> commands are in flight at once: a stalled host
/// admits fewer requests per window, and without this its own stall would read as a lower rate and unleash grading.
/// The rate is a capacity, configured per machine, because on a full CPU the signals measured inside the process
/// lag the queueing (tried on 2 cores: an in-flight threshold throttled grading at a healthy 500/s too; smoothed
/// request duration and thread-pool lag let 1,000/s acks reach p99 130-580 ms; docs/benchmarks.md).
/// </summary>
public sealed class InFlightRequests(int busyThreshold, int saturatedPerSecond, TimeProvider clock) : IForegroundLoad
{
    private static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan QueueingHold = TimeSpan.FromSeconds(1);
    private const int QueueingInFlight = 96;
    private readonly long _queueingHoldTicks = (long)(QueueingHold.TotalSeconds * clock.TimestampFrequency);
    private readonly long _holdTicks = (long)(Hold.TotalSeconds * clock.TimestampFrequency);
    private readonly long _windowTicks = (long)(Window.TotalSeconds * clock.TimestampFrequency);
    private readonly Lock _gate = new();
    private int _inFlight;
    private int _commandsInFlight;
    private long _busyUntil;
    private long _queueingUntil;
    private long _window;
    private long _arrivedInWindow;
    private long _arrivedInPrevious;

    public InFlightRequests(int busyThreshold, TimeProvider clock)
        : this(busyThreshold, int.MaxValue, clock)
    {
    }

    public bool IsBusy => Volatile.Read(ref _inFlight) >= busyThreshold || clock.GetTimestamp() < Volatile.Read(ref _busyUntil);

    public bool IsSaturated
    {
        get
        {
            var now = clock.GetTimestamp();
            if (now < Volatile.Read(ref _queueingUntil))
            {
                return true;
            }

            var window = now / _windowTicks;
            lock (_gate)
            {
                var previous = window == _window ? _arrivedInPrevious : window == _window + 1 ? _arrivedInWindow : 0;
                return previous * (TimeSpan.TicksPerSecond / Window.Ticks) >= saturatedPerSecond;
            }
        }
    }

    public async Task TrackAsync(HttpContext context, RequestDelegate next)
    {
        var now = clock.GetTimestamp();
        var command = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
        if (command)
        {
            Arrived(now / _windowTicks);
            if (Interlocked.Increment(ref _commandsInFlight) >= QueueingInFlight)
            {
                Volatile.Write(ref _queueingUntil, now + _queueingHoldTicks);
            }
        }

        if (Interlocked.Increment(ref _inFlight) >= busyThreshold)
        {
            Volatile.Write(ref _busyUntil, now + _holdTicks);
        }


        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            if (command)
            {
                Interlocked.Decrement(ref _commandsInFlight);
            }
        }
    }

    private void Arrived(long window)
    {
        lock (_gate)
        {
            if (window != _window)
            {
                _arrivedInPrevious = window == _window + 1 ? _arrivedInWindow : 0;
                _arrivedInWindow = 0;
                _window = window;
            }

            _arrivedInWindow++;
        }
    }
}
