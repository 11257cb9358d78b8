using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Tests.Grading;

/// <summary>Keeps every formatted log line (the operator's view of a sweep or a step), so a test can assert what was reported.</summary>
public sealed class LogLines
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger<T> For<T>() => new Logger<T>(_lines);

    public void AssertLogged(string expected) =>
        Assert.True(_lines.Any(l => l.Contains(expected, StringComparison.Ordinal)), $"no log line contains '{expected}'; lines: {string.Join(" | ", _lines)}");

    private sealed class Logger<T>(ConcurrentQueue<string> lines) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }
}
