namespace EdTech.Domain.Simulation;

/// <summary>
/// One side (baseline or proposal) flattened into arrays for the hot loop: which of the union's items it has, the order
/// skills are practised in, each skill's practice cap and direct prerequisites, the threshold and the pass mark in points.
/// </summary>
internal sealed class CompiledVariant
{
    public CompiledVariant(CourseModel model, IReadOnlyList<string> unionItems, IReadOnlyDictionary<string, int> skillIndex)
    {
        var ids = model.Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        Includes = unionItems.Select(ids.Contains).ToArray();
        ItemCount = ids.Count;
        MinCorrect = (int)Math.Ceiling((model.PassMark * ItemCount) - 1e-9);
        Threshold = model.MasteryThreshold;
        Practice = new int[skillIndex.Count];
        foreach (var skill in model.Skills)
        {
            Practice[skillIndex[skill.Id]] = skill.Practice;
        }

        Requires = skillIndex.OrderBy(kv => kv.Value)
            .Select(kv => (model.Prerequisites.GetValueOrDefault(kv.Key) ?? []).Select(s => skillIndex[s]).ToArray())
            .ToArray();
        Order = PracticeOrder(model).Select(s => skillIndex[s]).ToArray();
    }

    public bool[] Includes { get; }

    public int ItemCount { get; }

    public int MinCorrect { get; }

    public double Threshold { get; }

    public int[] Practice { get; }

    public int[][] Requires { get; }

    public int[] Order { get; }

    /// <summary>
    /// Modules in course order, each module's skills in its listed order except that a prerequisite within the same module
    /// comes first; skills in no module come last, in the model's order. A prerequisite in a LATER module is not pulled
    /// forward: practising a skill before its prerequisite is what the penalty models, and what a reorder can fix.
    /// </summary>
    public static IReadOnlyList<string> PracticeOrder(CourseModel model)
    {
        var order = new List<string>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var groups = model.Modules.Select(m => m.Skills).Append(model.Skills.Select(s => s.Id).ToArray());
        foreach (var group in groups)
        {
            var inGroup = group.ToHashSet(StringComparer.Ordinal);
            foreach (var skill in group)
            {
                Visit(skill, inGroup);
            }
        }

        return order;

        void Visit(string skill, HashSet<string> inGroup)
        {
            if (!placed.Add(skill))
            {
                return;
            }

            foreach (var required in model.Prerequisites.GetValueOrDefault(skill) ?? [])
            {
                if (inGroup.Contains(required))
                {
                    Visit(required, inGroup);
                }
            }

            order.Add(skill);
        }
    }
}
