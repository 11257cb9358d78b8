using Microsoft.Extensions.Configuration;

namespace EdTech.Bff.Composition;

/// <summary>Settings read once at start-up. "Data" is the LocalHost's --data folder (default ./.edtech).</summary>
public sealed record EdTechOptions(string DataDirectory, bool SynchronousFull, int DurableWorkerConcurrency)
{
    public static EdTechOptions From(IConfiguration configuration) => new(
        Path.GetFullPath(configuration["Data"] ?? configuration["EdTech:DataDirectory"] ?? ".edtech"),
        string.Equals(configuration["Store:Synchronous"], "full", StringComparison.OrdinalIgnoreCase),
        int.TryParse(configuration["Durable:WorkerConcurrency"], out var concurrency) && concurrency > 0 ? concurrency : 32);
}
