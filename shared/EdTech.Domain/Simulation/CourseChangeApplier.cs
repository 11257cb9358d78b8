using EdTech.Domain.Learning;
using EdTech.Domain.Learning.IrtModel;

namespace EdTech.Domain.Simulation;

/// <summary>The proposal: the baseline model with a (validated) change applied. Added items get the prior's discrimination.</summary>
public static class CourseChangeApplier
{
    public static CourseModel Apply(CourseModel model, CourseChange change, SimulationPriors priors)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(priors);
        var removed = (change.RemoveItems ?? []).ToHashSet(StringComparer.Ordinal);
        var items = model.Items.Where(i => !removed.Contains(i.Id))
            .Concat((change.AddItems ?? []).Select(a => new SimulatedItem(a.Id, a.Skills, new IrtItem(priors.Discrimination, a.Difficulty))))
            .ToArray();
        var practice = change.PracticePerSkill ?? new Dictionary<string, int>();
        var skills = model.Skills.Select(s => practice.TryGetValue(s.Id, out var n) ? s with { Practice = n } : s).ToArray();
        var modules = change.ModuleOrder is null
            ? model.Modules
            : change.ModuleOrder.Select(id => model.Modules.First(m => m.Id == id)).ToArray();
        return model with
        {
            Items = items,
            Skills = skills,
            Prerequisites = Prerequisites(model, change),
            Modules = modules,
            MasteryThreshold = change.MasteryThreshold ?? model.MasteryThreshold,
        };
    }

    /// <summary>The baseline's prerequisites with the change's lists replacing those of the skills it names.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Prerequisites(CourseModel model, CourseChange change)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(change);
        var result = new Dictionary<string, IReadOnlyList<string>>(model.Prerequisites, StringComparer.Ordinal);
        foreach (var (skill, requires) in change.Prerequisites ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            result[skill] = requires ?? [];
        }

        return result;
    }
}
