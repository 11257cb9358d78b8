using System.Diagnostics;

namespace EdTech.Cli.Commands.Load;

/// <summary>An open-loop schedule: request i is due i/rate seconds after the start, whatever the server does.</summary>
public static class Pacing
{
    public static int Count(double perSecond, TimeSpan duration) => Math.Max(1, (int)Math.Round(perSecond * duration.TotalSeconds));

    public static long DueTicks(int index, double perSecond) => (long)(index / perSecond * Stopwatch.Frequency);

    /// <summary>
    /// Where latency starts: when sent, if the sender was on time; when due, if it was late (every worker
    /// busy), so a slow server cannot hide its queueing by slowing the load down (coordinated omission).
    /// </summary>
    public static long LatencyStart(long due, long sentAt, bool waited) => waited ? sentAt : Math.Min(due, sentAt);
}
