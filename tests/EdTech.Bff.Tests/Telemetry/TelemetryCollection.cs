namespace EdTech.Bff.Tests.Telemetry;

/// <summary>
/// The "EdTech" source and meter are static, so a tracing host in a parallel test would also sample (and a metric test also
/// count) another test's spans and measurements: these tests run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry (alone)";
}
