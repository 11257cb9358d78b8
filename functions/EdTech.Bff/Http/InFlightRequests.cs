using EdTech.Application.ChangeFeed;
using Microsoft.AspNetCore.Http;

namespace EdTech.Bff.Http;

/// <summary>Counts requests in progress; busy at or above a threshold ("Pump:BusyInFlight", default 8).</summary>
public sealed class InFlightRequests(int busyThreshold) : IForegroundLoad
{
    private int _inFlight;

    public bool IsBusy => Volatile.Read(ref _inFlight) >= busyThreshold;

    public async Task TrackAsync(HttpContext context, RequestDelegate next)
    {
        Interlocked.Increment(ref _inFlight);
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
