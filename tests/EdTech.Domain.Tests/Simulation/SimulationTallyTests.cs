using System.Text.Json;
using EdTech.Domain.Simulation;

namespace EdTech.Domain.Tests.Simulation;

public sealed class SimulationTallyTests
{
    [Fact]
    public void Combine_ChunksThatCrossedJson_GiveTheOneRunTotals()
    {
        // A durable fan-out returns each chunk's tally from an activity as JSON.
        var plan = SimulationCourse.Plan(new CourseChange(MasteryThreshold: 0.9));
        var whole = plan.Run(5, 0, 1500);

        var chunks = new[] { plan.Run(5, 0, 700), plan.Run(5, 700, 1500) }
            .Select(c => JsonSerializer.Deserialize<SimulationTally>(JsonSerializer.Serialize(c))!);

        Assert.Equal(whole.Sums, SimulationTally.Combine(chunks).Sums);
    }

    [Fact]
    public void Combine_TalliesOfDifferentShapes_IsRejected() =>
        Assert.Throws<ArgumentException>(() => SimulationTally.Combine([SimulationTally.Empty(1, 4), SimulationTally.Empty(2, 4)]));
}
