using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace EdTech.Orchestrations.Tests.Steps;

/// <summary>
/// One pass of an orchestrator without the durable engine: activities and sub-orchestrations answer from the
/// handlers a test registers, a durable timer moves the orchestration clock to its fire time, and every step
/// (name, input, options), timer and log line is recorded. The engine tests (Grading/, Regrade/) cover replay,
/// retries and the real store; these run an orchestrator's decisions in microseconds, which is what Stryker needs
/// (it runs the covering tests once per mutant, tools/mutation).
/// </summary>
internal sealed class ScriptedOrchestrationContext(string instanceId, DateTime now) : TaskOrchestrationContext
{
    /// <summary>More steps than any test needs: a mutant that loops forever fails here instead of hanging.</summary>
    public const int MaxSteps = 200;

    private readonly Dictionary<string, Func<object?, object?>> _handlers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<object?, Task>> _pending = new(StringComparer.Ordinal);
    private readonly CapturingLoggerFactory _logs = new();

    public List<Step> Steps { get; } = [];

    public List<DateTime> Timers { get; } = [];

    public IReadOnlyList<string> Logs => _logs.Lines;

    public DateTime Now { get; set; } = now;

    /// <summary>The input the orchestrator continued as new with (null: it did not).</summary>
    public object? ContinuedWith { get; private set; }

    public override TaskName Name => new("scripted");

    public override string InstanceId { get; } = instanceId;

    public override ParentOrchestrationInstance? Parent => null;

    public override DateTime CurrentUtcDateTime => Now;

    public override bool IsReplaying => false;

    protected override ILoggerFactory LoggerFactory => _logs;

    /// <summary>Answers the activity or sub-orchestration <paramref name="name"/> (a handler that throws fails the step).</summary>
    public ScriptedOrchestrationContext On<TInput, TResult>(string name, Func<TInput, TResult> handler)
    {
        _handlers[name] = input => handler((TInput)input!);
        return this;
    }

    /// <summary>
    /// Answers <paramref name="name"/> with a task the test completes when it likes, so several steps can be in flight at once
    /// (the orchestrator's continuation runs when the test completes the task).
    /// </summary>
    public ScriptedOrchestrationContext OnPending<TInput, TResult>(string name, Func<TInput, Task<TResult>> handler)
    {
        _pending[name] = input => handler((TInput)input!);
        return this;
    }

    /// <summary>The inputs the steps named <paramref name="name"/> were called with, in order.</summary>
    public List<T> InputsOf<T>(string name) => [.. Steps.Where(s => s.Name == name).Select(s => (T)s.Input!)];

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null) =>
        Run<TResult>(name, input, options);

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        Run<TResult>(orchestratorName, input, options);

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        Timers.Add(fireAt);
        if (fireAt > Now)
        {
            Now = fireAt;
        }

        return Task.CompletedTask;
    }

    public override T GetInput<T>() => throw new NotSupportedException();

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();

    public override void SetCustomStatus(object? customStatus) => throw new NotSupportedException();

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => ContinuedWith = newInput;

    public override Guid NewGuid() => throw new NotSupportedException();

    private Task<TResult> Run<TResult>(TaskName name, object? input, TaskOptions? options)
    {
        Steps.Add(new Step(name.Name, input, options));
        if (Steps.Count > MaxSteps)
        {
            throw new InvalidOperationException($"more than {MaxSteps} steps: the orchestrator does not end");
        }

        if (_pending.TryGetValue(name.Name, out var pending))
        {
            return (Task<TResult>)pending(input);
        }

        if (!_handlers.TryGetValue(name.Name, out var handler))
        {
            throw new InvalidOperationException($"no handler for step '{name.Name}'");
        }

        try
        {
            return Task.FromResult((TResult)handler(input)!);
        }
        catch (Exception e) when (e is not InvalidCastException)
        {
            return Task.FromException<TResult>(e);
        }
    }

    public sealed record Step(string Name, object? Input, TaskOptions? Options)
    {
        /// <summary>The sub-orchestration's instance id (null for an activity).</summary>
        public string? InstanceId => (Options as SubOrchestrationOptions)?.InstanceId;
    }

    private sealed class CapturingLoggerFactory : ILoggerFactory, ILogger
    {
        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add($"{logLevel}: {formatter(state, exception)}");
    }
}
