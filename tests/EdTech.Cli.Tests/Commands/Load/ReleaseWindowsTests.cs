using EdTech.Cli.Commands.Load;
using EdTech.Cli.Commands.Load.Release;

namespace EdTech.Cli.Tests.Commands.Load;

public sealed class ReleaseWindowsTests
{
    [Fact]
    public void Of_GroupsBySendTimeInTenSecondWindows_WithNearestRankPercentiles()
    {
        var items = Enumerable.Range(0, 100).Select(i => (i * 0.1, (double?)(i + 1)))          // window 0: 1..100 ms
            .Concat(Enumerable.Range(0, 100).Select(i => (10 + (i * 0.1), (double?)((i + 1) * 10)))) // window 1: 10..1000 ms
            .ToList();

        var windows = ReleaseWindows.Of(items);

        Assert.Equal(2, windows.Count);
        Assert.True(windows[0].First);
        Assert.Equal((0, 100, 50.0, 99.0), (windows[0].FromSecond, windows[0].Released, windows[0].P50Ms, windows[0].P99Ms));
        Assert.False(windows[1].First);
        Assert.Equal((10, 500.0, 990.0), (windows[1].FromSecond, windows[1].P50Ms, windows[1].P99Ms));
    }

    [Fact]
    public void Of_FirstWindowHasTheColdTarget_LaterOnesTheSteadyOne()
    {
        var windows = ReleaseWindows.Of([(1.0, 1500.0), (11.0, 1500.0), (21.0, 999.0)]);

        Assert.True(windows[0].Met);        // 1.5 s < 2 s in the first window
        Assert.False(windows[1].Met);       // 1.5 s >= 1 s later
        Assert.True(windows[2].Met);
        Assert.Equal([2000.0, 1000.0, 1000.0], windows.Select(w => w.TargetMs));
    }

    [Fact]
    public void Of_ASubmissionNeverReleased_FailsItsWindow()
    {
        var windows = ReleaseWindows.Of([(12.0, 10.0), (13.0, null)]);

        var w = Assert.Single(windows);
        Assert.Equal(1, w.NotReleased);
        Assert.False(w.Met);
    }

    [Fact]
    public void Print_SaysWhichWindowsMetTheirTargets()
    {
        var output = new StringWriter();

        ReleaseWindows.Print(output, ReleaseWindows.Of([(1.0, 100.0), (11.0, 1200.0), (21.0, 200.0)]), "test");

        var text = output.ToString();
        Assert.Contains("first window met; later windows met 1 of 2", text, StringComparison.Ordinal);
        Assert.Contains("NOT MET", text, StringComparison.Ordinal);
    }
}
