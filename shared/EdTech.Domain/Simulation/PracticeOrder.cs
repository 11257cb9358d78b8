namespace EdTech.Domain.Simulation;

/// <summary>The order a simulated student practises a course's skills in.</summary>
public static class PracticeOrder
{
    /// <summary>
    /// Modules in course order, each module's skills in its listed order except that a prerequisite within the same module
    /// comes first; skills in no module come last, in the model's order. A prerequisite in a LATER module is not pulled
    /// forward: practising a skill before its prerequisite is what the penalty models, and what a reorder can fix.
    /// </summary>
    public static IReadOnlyList<string> Of(CourseModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
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
