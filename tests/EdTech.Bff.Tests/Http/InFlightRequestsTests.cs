using EdTech.Bff.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace EdTech.Bff.Tests.Http;

public sealed class InFlightRequestsTests
{
    [Fact]
    public async Task Busy_WhileThresholdRequestsAreInFlight()
    {
        var load = new InFlightRequests(2, new FakeTimeProvider());
        var release = new TaskCompletionSource();
        RequestDelegate wait = _ => release.Task;

        var first = load.TrackAsync(new DefaultHttpContext(), wait);
        Assert.False(load.IsBusy);
        var second = load.TrackAsync(new DefaultHttpContext(), wait);
        Assert.True(load.IsBusy);

        release.SetResult();
        await Task.WhenAll(first, second);
    }

    [Fact]
    public async Task Busy_StaysForTheHoldTimeAfterABurst_ThenClears()
    {
        var clock = new FakeTimeProvider();
        var load = new InFlightRequests(1, clock);

        await load.TrackAsync(new DefaultHttpContext(), _ => Task.CompletedTask);

        Assert.True(load.IsBusy);
        clock.Advance(TimeSpan.FromMilliseconds(150));
        Assert.True(load.IsBusy);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.False(load.IsBusy);
    }
}
