using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;
using EdTech.Domain.Learning.IrtModel;

namespace EdTech.Domain.Simulation;

/// <summary>
/// Builds the <see cref="CourseModel"/> from what nightly calibration produced, using <see cref="SimulationPriors"/> for an
/// item or skill with too few responses (or none fitted) and saying so in a warning, e.g. "skill fractions: prior used, 12 responses".
/// </summary>
public static class CourseModelBuilder
{
    public static (CourseModel Model, IReadOnlyList<string> Warnings) Build(CourseCalibration calibration, SimulationPriors priors)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(priors);
        var warnings = new List<string>();
        var items = calibration.Items.Select(i =>
        {
            if (i.Fitted is { } fitted && i.Responses >= priors.MinItemResponses)
            {
                return new SimulatedItem(i.Id, i.Skills, fitted);
            }

            warnings.Add($"item {i.Id}: prior used (a = {priors.Discrimination}, b = {i.TaggedDifficulty ?? 0} {(i.TaggedDifficulty is null ? "untagged" : "tagged")}), {i.Responses} responses");
            return new SimulatedItem(i.Id, i.Skills, new IrtItem(priors.Discrimination, i.TaggedDifficulty ?? 0));
        }).ToArray();
        var skills = calibration.Skills.Select(s =>
        {
            if (s.Fitted is { } fitted && s.Responses >= priors.MinSkillResponses)
            {
                return new SimulatedSkill(s.Id, fitted, s.Practice);
            }

            warnings.Add($"skill {s.Id}: prior used, {s.Responses} responses");
            return new SimulatedSkill(s.Id, priors.Bkt, s.Practice);
        }).ToArray();
        var model = new CourseModel(items, skills, calibration.Prerequisites, calibration.Modules, calibration.MasteryThreshold, calibration.PassMark, calibration.Abilities);
        return (model, warnings);
    }
}

/// <summary>Calibration output for one course. Responses are scored answers (items) or practice answers (skills).</summary>
public sealed record CourseCalibration(
    IReadOnlyList<ItemCalibration> Items,
    IReadOnlyList<SkillCalibration> Skills,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Prerequisites,
    IReadOnlyList<CourseModule> Modules,
    double MasteryThreshold = SimulationPriors.DefaultMasteryThreshold,
    double PassMark = SimulationPriors.DefaultPassMark,
    IReadOnlyList<double>? Abilities = null);

public sealed record ItemCalibration(string Id, IReadOnlyList<string> Skills, IrtItem? Fitted, int Responses, double? TaggedDifficulty = null);

public sealed record SkillCalibration(string Id, BktParameters? Fitted, int Responses, int Practice = SimulationPriors.DefaultPractice);
