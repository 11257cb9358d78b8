using EdTech.Domain.Adaptive;

namespace EdTech.Domain.Simulation;

/// <summary>
/// Checks a change against the course model before anything runs. Unknown ids are listed (sorted, each once) so the API
/// can answer 422 naming them; other problems (a prerequisite cycle, a threshold outside (0, 1), ...) are sentences.
/// </summary>
public static class CourseChangeValidator
{
    public const int MaxPractice = 1000;

    public static ChangeProblems Validate(CourseModel model, CourseChange change)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(change);
        var items = model.Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var skills = model.Skills.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var unknownItems = new SortedSet<string>(StringComparer.Ordinal);
        var unknownSkills = new SortedSet<string>(StringComparer.Ordinal);
        var errors = new List<string>();

        foreach (var id in change.RemoveItems ?? [])
        {
            if (!items.Contains(id))
            {
                unknownItems.Add(id);
            }
        }

        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in change.AddItems ?? [])
        {
            if (items.Contains(item.Id) || !added.Add(item.Id))
            {
                errors.Add($"addItems: {item.Id} already exists.");
            }

            if (item.Skills is not { Count: > 0 })
            {
                errors.Add($"addItems: {item.Id} needs at least one skill.");
            }

            if (!double.IsFinite(item.Difficulty) || Math.Abs(item.Difficulty) > 6)
            {
                errors.Add($"addItems: {item.Id} difficulty must be a number in [-6, 6].");
            }

            unknownSkills.UnionWith((item.Skills ?? []).Where(s => !skills.Contains(s)));
        }

        foreach (var (skill, requires) in change.Prerequisites ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            unknownSkills.UnionWith(new[] { skill }.Concat(requires ?? []).Where(s => !skills.Contains(s)));
        }

        foreach (var (skill, practice) in change.PracticePerSkill ?? new Dictionary<string, int>())
        {
            if (!skills.Contains(skill))
            {
                unknownSkills.Add(skill);
            }

            if (practice is < 0 or > MaxPractice)
            {
                errors.Add($"practicePerSkill: {skill} must be between 0 and {MaxPractice}.");
            }
        }

        if (change.MasteryThreshold is { } threshold && !(threshold > 0 && threshold < 1))
        {
            errors.Add("masteryThreshold must be in (0, 1).");
        }

        var unknownModules = ModuleOrderProblems(model, change.ModuleOrder, errors);
        if (unknownSkills.Count == 0 && errors.Count == 0 && SkillGraph.FindCycle(CourseChangeApplier.Prerequisites(model, change)) is { } cycle)
        {
            errors.Add($"prerequisites form a cycle: {string.Join(" -> ", cycle)}.");
        }

        return new ChangeProblems([.. unknownItems], [.. unknownSkills], unknownModules, errors);
    }

    private static IReadOnlyList<string> ModuleOrderProblems(CourseModel model, IReadOnlyList<string>? order, List<string> errors)
    {
        if (order is null)
        {
            return [];
        }

        var modules = model.Modules.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = order.Where(m => !modules.Contains(m)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (unknown.Length == 0 && (order.Count != modules.Count || order.Distinct(StringComparer.Ordinal).Count() != order.Count))
        {
            errors.Add("moduleOrder must list every module of the course exactly once.");
        }

        return unknown;
    }
}

/// <summary>Everything wrong with a change; <see cref="IsEmpty"/> when it can run.</summary>
public sealed record ChangeProblems(
    IReadOnlyList<string> UnknownItems,
    IReadOnlyList<string> UnknownSkills,
    IReadOnlyList<string> UnknownModules,
    IReadOnlyList<string> Errors)
{
    public bool IsEmpty => UnknownItems.Count == 0 && UnknownSkills.Count == 0 && UnknownModules.Count == 0 && Errors.Count == 0;
}
