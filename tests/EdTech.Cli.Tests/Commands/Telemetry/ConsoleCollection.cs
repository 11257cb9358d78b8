namespace EdTech.Cli.Tests.Commands.Telemetry;

/// <summary>Tests that redirect <see cref="Console.Out"/> (process-wide) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
