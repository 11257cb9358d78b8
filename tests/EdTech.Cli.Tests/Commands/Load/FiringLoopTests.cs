using EdTech.Cli.Commands.Load;

namespace EdTech.Cli.Tests.Commands.Load;

public class FiringLoopTests
{
    [Fact]
    public async Task RunAsync_SendsEveryIndexOnceAndNeverExceedsTheConcurrency()
    {
        var seen = new int[200];
        var inFlight = 0;
        var peak = 0;

        var result = await FiringLoop.RunAsync(seen.Length, 8, async (i, ct) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            Interlocked.Increment(ref seen[i]);
            await Task.Delay(1, ct);
            Interlocked.Decrement(ref inFlight);
            return i % 10 != 0;
        }, CancellationToken.None);

        Assert.All(seen, count => Assert.Equal(1, count));
        Assert.InRange(peak, 1, 8);
        Assert.Equal(180, result.Succeeded);
        Assert.Equal(20, result.Failed);
        Assert.All(result.LatenciesMs, ms => Assert.True(ms > 0));
    }

    [Fact]
    public void PerSecond_CountOverWallTime()
    {
        var result = new FireResult(new double[10], 10, TimeSpan.FromSeconds(2));

        Assert.Equal(5, result.PerSecond(10));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
