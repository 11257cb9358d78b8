using EdTech.Application.ChangeFeed;
using Microsoft.AspNetCore.Http;

namespace EdTech.Bff.Http;

/// <summary>
/// Counts requests in progress. Busy at or above a threshold ("Pump:BusyInFlight", default 8), and for
/// a short hold time after: during a burst the count dips between requests, and each dip must not
/// let background work take a large step.
/// </summary>
public sealed class InFlightRequests(int busyThreshold, TimeProvider clock) : IForegroundLoad
{
    private static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(200);
    private int _inFlight;
    private long _busyUntil;

    public bool IsBusy => Volatile.Read(ref _inFlight) >= busyThreshold || clock.GetTimestamp() < Volatile.Read(ref _busyUntil);

    public async Task TrackAsync(HttpContext context, RequestDelegate next)
    {
        if (Interlocked.Increment(ref _inFlight) >= busyThreshold)
        {
            Volatile.Write(ref _busyUntil, clock.GetTimestamp() + (long)(Hold.TotalSeconds * clock.TimestampFrequency));
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
