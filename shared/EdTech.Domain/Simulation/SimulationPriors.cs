using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;

namespace EdTech.Domain.Simulation;

/// <summary>
/// What the simulator assumes where the course's data say too little (docs/simulation.md, "Priors"). An item with fewer
/// than <see cref="MinItemResponses"/> scored answers gets a = <see cref="Discrimination"/> and b = its tagged difficulty
/// (0 if untagged); a skill with fewer than <see cref="MinSkillResponses"/> practice answers gets <see cref="Bkt"/>.
/// </summary>
public sealed record SimulationPriors(int MinItemResponses = 100, int MinSkillResponses = 200, double Discrimination = 1)
{
    public const double DefaultMasteryThreshold = 0.95;
    public const double DefaultPassMark = 0.6;
    public const double DefaultMasteryEffect = 1.0;
    public const double DefaultPrerequisitePenalty = 0.5;
    public const int DefaultPractice = 5;

    public static SimulationPriors Default { get; } = new();

    /// <summary>pInit 0.3, pLearn 0.1, slip 0.1, guess 0.2: the middle of the ranges BKT fits give on tutor data.</summary>
    public BktParameters Bkt { get; init; } = new(0.3, 0.1, 0.1, 0.2);
}
