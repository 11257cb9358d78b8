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
    public async Task Saturated_WhileCommandsArriveAtTheConfiguredRate_AndNotBelowIt()
    {
        var clock = new FakeTimeProvider();
        var load = new InFlightRequests(8, 100, clock);

        await ArriveAsync(load, clock, perSecond: 80, seconds: 2);
        Assert.False(load.IsSaturated);
        await ArriveAsync(load, clock, perSecond: 120, seconds: 2);
        Assert.True(load.IsSaturated);
        await ArriveAsync(load, clock, perSecond: 50, seconds: 2);
        Assert.False(load.IsSaturated);
        await ArriveAsync(load, clock, perSecond: 120, seconds: 2);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(load.IsSaturated);
    }

    [Fact]
    public async Task Saturated_ForASecond_WhenCommandsQueueUp_EvenAtALowRate()
    {
        var clock = new FakeTimeProvider();
        var load = new InFlightRequests(8, 1000, clock);
        var release = new TaskCompletionSource();
        var reads = Enumerable.Range(0, 100).Select(_ => load.TrackAsync(Request(HttpMethods.Get), _ => release.Task)).ToList();
        Assert.False(load.IsSaturated);
        var stuck = Enumerable.Range(0, 96).Select(_ => load.TrackAsync(Request(HttpMethods.Post), _ => release.Task)).ToList();

        Assert.True(load.IsSaturated);
        release.SetResult();
        await Task.WhenAll(stuck.Concat(reads));
        clock.Advance(TimeSpan.FromMilliseconds(900));
        Assert.True(load.IsSaturated);
        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.False(load.IsSaturated);
    }

    [Fact]
    public async Task Reads_DoNotCountTowardsSaturation()
    {
        var clock = new FakeTimeProvider();
        var load = new InFlightRequests(8, 100, clock);

        await ArriveAsync(load, clock, perSecond: 500, seconds: 2, HttpMethods.Get);

        Assert.False(load.IsSaturated);
    }

    private static DefaultHttpContext Request(string method)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        return context;
    }

    private static async Task ArriveAsync(InFlightRequests load, FakeTimeProvider clock, int perSecond, int seconds, string method = "POST")
    {
        for (var i = 0; i < perSecond * seconds; i++)
        {
            var context = new DefaultHttpContext();
            context.Request.Method = method;
            await load.TrackAsync(context, _ => Task.CompletedTask);
            clock.Advance(TimeSpan.FromSeconds(1.0 / perSecond));
        }
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
