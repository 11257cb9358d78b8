using EdTech.Application.ChangeFeed;

namespace EdTech.Application.Tests.ChangeFeed;

public sealed class TransientFailuresAndLoadTests
{
    [Fact]
    public void CommonTransientFailures_TimeoutsAndHttpTransportErrors_AreTransient()
    {
        var rules = new CommonTransientFailures();

        Assert.True(rules.IsTransient(new TimeoutException()));
        Assert.True(rules.IsTransient(new HttpRequestException("reset")));
    }

    [Fact]
    public void CommonTransientFailures_OtherFailures_AreNot_NorWhatTheyWrap()
    {
        var rules = new CommonTransientFailures();

        Assert.False(rules.IsTransient(new InvalidOperationException()));
        Assert.False(rules.IsTransient(new TaskCanceledException()));
        Assert.False(rules.IsTransient(new InvalidOperationException("wrapped", new TimeoutException()))); // unwrapping is the delivery's job
    }

    [Fact]
    public void NoForegroundLoad_IsNeverBusyNorSaturated()
    {
        IForegroundLoad load = new NoForegroundLoad();

        Assert.False(load.IsBusy);
        Assert.False(load.IsSaturated);
    }
}
