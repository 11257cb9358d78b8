using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdTech.Infrastructure.Tests.Caching;

/// <summary>Collects log entries so tests can count warnings.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, Entries);

    public void Dispose()
    {
    }

    public IReadOnlyList<string> Messages(LogLevel level, string categorySuffix) =>
        Entries.Where(e => e.Level == level && e.Category.EndsWith(categorySuffix, StringComparison.Ordinal)).Select(e => e.Message).ToList();

    private sealed class ListLogger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
