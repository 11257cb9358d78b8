using Microsoft.DurableTask;

namespace EdTech.LocalHost.Tests.Durable;

public sealed record GreetingRequest(string Name, int Score);

/// <summary>A stand-in application service, so the activities prove constructor injection works.</summary>
public sealed class GreetingFormatter
{
    public string Prefix { get; init; } = "Hello";

    public string Format(string name) => $"{Prefix}, {name}";
}

public sealed class GreetActivity(GreetingFormatter formatter) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(formatter.Format(input));
}

public sealed class DoubleScoreActivity(GreetingFormatter formatter) : TaskActivity<int, int>
{
    // Touching the injected service keeps this activity honest about DI, not just the first one.
    public override Task<int> RunAsync(TaskActivityContext context, int input) =>
        Task.FromResult(formatter.Prefix.Length > 0 ? input * 2 : -1);
}

public sealed class GreetingOrchestrator : TaskOrchestrator<GreetingRequest, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, GreetingRequest input)
    {
        var greeting = await context.CallActivityAsync<string>(nameof(GreetActivity), input.Name);
        var doubled = await context.CallActivityAsync<int>(nameof(DoubleScoreActivity), input.Score);
        return $"{greeting} ({doubled})";
    }
}

/// <summary>
/// Holds each <see cref="GateActivity"/> until <see cref="Target"/> of them run at once (or a generous bound passes), and records the
/// peak: an engine capped near the CPU count (2 here) can never reach a target of 16, however long it is given.
/// </summary>
public sealed class ConcurrencyGate
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private int _peak;

    public int Target { get; init; } = 16;

    public int Peak => Volatile.Read(ref _peak);

    public async Task<int> EnterAsync()
    {
        var now = Interlocked.Increment(ref _running);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }

        if (now >= Target)
        {
            _reached.TrySetResult();
        }

        await Task.WhenAny(_reached.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        Interlocked.Decrement(ref _running);
        return now;
    }
}

public sealed class GateActivity(ConcurrencyGate gate) : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => gate.EnterAsync();
}

public sealed class GatedOrchestrator : TaskOrchestrator<int, int>
{
    public override Task<int> RunAsync(TaskOrchestrationContext context, int input) => context.CallActivityAsync<int>(nameof(GateActivity), input);
}

/// <summary>Runs until a "go" event arrives: an instance that is neither finished nor doing work.</summary>
public sealed class WaitForSignalOrchestrator : TaskOrchestrator<object?, int>
{
    public override Task<int> RunAsync(TaskOrchestrationContext context, object? input) => context.WaitForExternalEvent<int>("go");
}
