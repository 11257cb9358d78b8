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
