using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;
using EdTech.Domain.Learning.IrtModel;

namespace EdTech.Domain.Simulation;

/// <summary>
/// What the simulator knows about a course: its items (2PL each, tagged with skills), its skills (BKT each, with the
/// practice opportunities a student gets), prerequisites between skills, the module order, the mastery threshold and the
/// pass mark. Build it from calibrations with <see cref="CourseModelBuilder"/>, which falls back on
/// <see cref="SimulationPriors"/> where data are thin. Every item is worth one point.
/// </summary>
/// <param name="Abilities">Calibrated abilities (θ) of real students; when given, simulated students are drawn from
/// them (uniformly, with replacement) instead of from N(0, 1).</param>
public sealed record CourseModel(
    IReadOnlyList<SimulatedItem> Items,
    IReadOnlyList<SimulatedSkill> Skills,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Prerequisites,
    IReadOnlyList<CourseModule> Modules,
    double MasteryThreshold = SimulationPriors.DefaultMasteryThreshold,
    double PassMark = SimulationPriors.DefaultPassMark,
    IReadOnlyList<double>? Abilities = null)
{
    /// <summary>Logits of ability a student gains on an item per unit change in the share of the item's skills known (δ).</summary>
    public double MasteryEffect { get; init; } = SimulationPriors.DefaultMasteryEffect;

    /// <summary>Share of the learning rate lost while a direct prerequisite is not yet known.</summary>
    public double PrerequisitePenalty { get; init; } = SimulationPriors.DefaultPrerequisitePenalty;

    /// <summary>Skill ids in the order students practise them (<see cref="Simulation.PracticeOrder.Of"/>).</summary>
    public IReadOnlyList<string> PracticeOrder() => Simulation.PracticeOrder.Of(this);
}

/// <summary>An item "assessmentId/itemId" with its skills and calibrated (or prior) 2PL parameters.</summary>
public sealed record SimulatedItem(string Id, IReadOnlyList<string> Skills, IrtItem Parameters);

/// <summary>A skill's BKT parameters and the practice opportunities a student gets before moving on (stopping early at mastery).</summary>
public sealed record SimulatedSkill(string Id, BktParameters Parameters, int Practice);

/// <summary>A module in course order and the skills it practises, in the order it practises them.</summary>
public sealed record CourseModule(string Id, IReadOnlyList<string> Skills);

/// <summary>
/// One set of alternative parameters (e.g. from a bootstrap recalibration): items and skills listed here replace the
/// model's; the rest keep the model's. Several draws make the intervals include calibration uncertainty.
/// </summary>
public sealed record ParameterDraw(IReadOnlyDictionary<string, IrtItem> Items, IReadOnlyDictionary<string, BktParameters> Skills);
