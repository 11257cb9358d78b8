using EdTech.Application.ChangeFeed;

namespace EdTech.Application.Tests.ChangeFeed;

public sealed class ChangeFeedRetryOptionsTests
{
    [Fact]
    public void Default_FiveAttempts_OneSecondDoubledUpToThirty_EightTransientAttempts()
    {
        var options = ChangeFeedRetryOptions.Default;

        Assert.Equal((5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 8), (options.MaxAttempts, options.BaseDelay, options.MaxDelay, options.MaxTransientAttempts));
    }

    [Fact]
    public void Backoff_FirstAttempt_IsTheBaseDelay_ThenDoublesUpToTheCeiling()
    {
        var options = new ChangeFeedRetryOptions(5, TimeSpan.FromMilliseconds(3), TimeSpan.FromMilliseconds(20), 8);

        Assert.Equal([3, 6, 12, 20, 20], Enumerable.Range(1, 5).Select(a => options.Backoff(a).TotalMilliseconds));
    }

    [Fact]
    public void Backoff_ManyAttempts_StopsDoublingAfterThirty_WithoutOverflow()
    {
        var options = new ChangeFeedRetryOptions(5, TimeSpan.FromTicks(1), TimeSpan.MaxValue, 8);

        Assert.Equal(TimeSpan.FromTicks(1L << 30), options.Backoff(31));
        Assert.Equal(TimeSpan.FromTicks(1L << 30), options.Backoff(1000));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Backoff_AttemptBelowOne_Throws(int attempt)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ChangeFeedRetryOptions.Default.Backoff(attempt));

        Assert.Equal("attempt", error.ParamName);
    }
}
