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
        Order = model.PracticeOrder().Select(s => skillIndex[s]).ToArray();
    }

    public bool[] Includes { get; }

    public int ItemCount { get; }

    public int MinCorrect { get; }

    public double Threshold { get; }

    public int[] Practice { get; }

    public int[][] Requires { get; }

    public int[] Order { get; }
}
