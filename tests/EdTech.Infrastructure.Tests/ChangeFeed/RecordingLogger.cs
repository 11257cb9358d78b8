using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdTech.Infrastructure.Tests.ChangeFeed;

/// <summary>Keeps each entry's level, event id and structured fields, as an alert rule sees them.</summary>
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
}
