using Microsoft.Extensions.Configuration;

namespace EdTech.Bff.Composition;

/// <summary>Settings read once at start-up. "Data" is the LocalHost's --data folder (default ./.edtech).</summary>
public sealed record EdTechOptions(string DataDirectory, bool SynchronousFull, int DurableWorkerConcurrency)
{
    public static EdTechOptions From(IConfiguration configuration) => new(
        Path.GetFullPath(configuration["Data"] ?? configuration["EdTech:DataDirectory"] ?? ".edtech"),
        string.Equals(configuration["Store:Synchronous"], "full", StringComparison.OrdinalIgnoreCase),
        PositiveOr(configuration, "Durable:WorkerConcurrency", 32));

    /// <summary>A setting that is a positive integer when given; missing or anything else falls back (documented as such in docs/configuration.md).</summary>
    public static int PositiveOr(IConfiguration configuration, string key, int fallback)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return int.TryParse(configuration[key], out var value) && value > 0 ? value : fallback;
    }
}
