using Microsoft.Extensions.Time.Testing;

namespace EdTech.Infrastructure.Tests.Caching;

/// <summary>
/// A fake clock that also tells when something starts waiting on it: <see cref="TimersDue"/> counts the timers created with a
/// given due time (a <c>Task.WaitAsync(timeout, time)</c> is one), so a test advances the clock only once the call it
/// bounds is actually waiting, instead of sleeping and hoping.
/// </summary>
public sealed class WatchedTime() : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TimeSpan, int> _created = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _created[dueTime] = _created.GetValueOrDefault(dueTime) + 1;
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>How many timers were created so far with <paramref name="dueTime"/>.</summary>
    public int TimersDue(TimeSpan dueTime)
    {
        lock (_gate)
        {
            return _created.GetValueOrDefault(dueTime);
        }
    }

    /// <summary>Until more than <paramref name="before"/> timers with <paramref name="dueTime"/> exist (polls the positive signal; fails after 30 s).</summary>
    public async Task TimerCreatedAsync(TimeSpan dueTime, int before)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (TimersDue(dueTime) <= before)
        {
            Assert.True(DateTime.UtcNow < deadline, $"nothing started waiting {dueTime} on the clock within 30 s");
            await Task.Delay(10);
        }
    }
}
