using System.Globalization;

namespace EdTech.Application.Content.Simulations;

/// <summary>
/// Curriculum simulations: at most <see cref="MaxRunningPerTenant"/> running at once per tenant (setting
/// <c>Simulation:MaxRunningPerTenant</c>, default 2; more answers 429); each durable chunk simulates
/// <see cref="ChunkStudents"/> students (<c>Simulation:ChunkStudents</c>, default 10,000). A run still "running" after
/// <see cref="StaleAfter"/> (<c>Simulation:StaleAfterMinutes</c>, default 60) no longer counts against the quota, so a
/// host that died between storing and starting a simulation cannot block a tenant for good.
/// </summary>
public sealed record SimulationSettings(int MaxRunningPerTenant, int ChunkStudents, TimeSpan StaleAfter)
{
    public static SimulationSettings Default { get; } = new(2, 10_000, TimeSpan.FromMinutes(60));

    public static SimulationSettings From(string? maxRunning, string? chunkStudents, string? staleAfterMinutes) => new(
        Positive(maxRunning, "Simulation:MaxRunningPerTenant", Default.MaxRunningPerTenant, 1000),
        Positive(chunkStudents, "Simulation:ChunkStudents", Default.ChunkStudents, 200_000),
        TimeSpan.FromMinutes(Positive(staleAfterMinutes, "Simulation:StaleAfterMinutes", (int)Default.StaleAfter.TotalMinutes, 7 * 24 * 60)));

    private static int Positive(string? value, string name, int fallback, int max)
    {
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1 && parsed <= max
            ? parsed
            : throw new InvalidOperationException($"{name} must be a whole number from 1 to {max}.");
    }
}
