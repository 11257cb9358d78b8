using EdTech.LocalHost;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.LocalHost.Tests;

/// <summary>The idle trim runs once after a burst, when the host has gone quiet; never under load, never without a burst.</summary>
public sealed class IdleMemoryTrimmerTests
{
    [Fact]
    public void ShouldTrim_BurstThenQuietPeriod_TrimsOnceAndNotAgainWhileQuiet()
    {
        var trimmer = new IdleMemoryTrimmer(NullLogger<IdleMemoryTrimmer>.Instance, TimeProvider.System);
        var allocated = GC.GetTotalAllocatedBytes();

        allocated += 2 * IdleMemoryTrimmer.BusyBytes;
        var duringBurst = trimmer.ShouldTrim(allocated);
        allocated += IdleMemoryTrimmer.IdleBytes / 4;
        var firstQuietPeriod = trimmer.ShouldTrim(allocated);
        allocated += IdleMemoryTrimmer.IdleBytes / 4;
        var secondQuietPeriod = trimmer.ShouldTrim(allocated);

        Assert.Equal((false, true, false), (duringBurst, firstQuietPeriod, secondQuietPeriod));
    }

    [Fact]
    public void ShouldTrim_QuietHostThatHadNoBurst_NeverTrims()
    {
        var trimmer = new IdleMemoryTrimmer(NullLogger<IdleMemoryTrimmer>.Instance, TimeProvider.System);
        var allocated = GC.GetTotalAllocatedBytes();
        var trims = 0;

        // An hour of quiet 20 s periods (timers, health probes): far less than a burst allocated in all.
        for (var period = 0; period < 180; period++)
        {
            allocated += IdleMemoryTrimmer.IdleBytes / 200;
            trims += trimmer.ShouldTrim(allocated) ? 1 : 0;
        }

        Assert.Equal(0, trims);
    }
}
