using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Tests.ChangeFeed;

/// <summary>Keeps each entry's level, event id and structured fields, as an alert rule or a log query sees them.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, EventId Event, IReadOnlyDictionary<string, object?> Fields, Exception? Error)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
        Entries.Enqueue((logLevel, eventId, fields, exception));
    }

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> At(LogLevel level) => [.. Entries.Where(e => e.Level == level).Select(e => e.Fields)];
}

/// <summary>A clock standing still at <paramref name="now"/> that records every pause asked of it and lets it pass at once.</summary>
internal sealed class PauseRecordingClock(DateTimeOffset now) : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Pauses { get; } = new();

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Pauses.Enqueue(dueTime);
        return System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
