namespace EdTech.Domain.Adaptive;

/// <summary>
/// A course's skill prerequisites: each skill lists the skills it requires. Must be acyclic
/// (<see cref="FindCycle"/>); recommendations practise unmet prerequisites before the skills that need them.
/// </summary>
public sealed class SkillGraph
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _requires;

    public SkillGraph(IReadOnlyDictionary<string, IReadOnlyList<string>> requires)
    {
        ArgumentNullException.ThrowIfNull(requires);
        if (FindCycle(requires) is { } cycle)
        {
            throw new ArgumentException($"Prerequisites form a cycle: {string.Join(" -> ", cycle)}.", nameof(requires));
        }

        _requires = requires;
    }

    public static SkillGraph Empty { get; } = new(new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal));

    public IReadOnlyList<string> RequirementsOf(string skill) => _requires.GetValueOrDefault(skill) ?? [];

    /// <summary>Every skill <paramref name="skill"/> depends on, directly or not, deepest first (a topological order), without the skill itself.</summary>
    public IReadOnlyList<string> PrerequisitesFirst(string skill)
    {
        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { skill };
        Visit(skill);
        return order;

        void Visit(string current)
        {
            foreach (var required in RequirementsOf(current))
            {
                if (seen.Add(required))
                {
                    Visit(required);
                    order.Add(required);
                }
            }
        }
    }

    /// <summary>A cycle as a path that starts and ends on the same skill (e.g. a → b → a), or null when there is none.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, IReadOnlyList<string>> requires)
    {
        ArgumentNullException.ThrowIfNull(requires);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var start in requires.Keys.Order(StringComparer.Ordinal))
        {
            if (Walk(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        IReadOnlyList<string>? Walk(string skill)
        {
            var onPath = path.IndexOf(skill);
            if (onPath >= 0)
            {
                return [.. path.Skip(onPath), skill];
            }

            if (done.Contains(skill))
            {
                return null;
            }

            path.Add(skill);
            foreach (var required in requires.GetValueOrDefault(skill) ?? [])
            {
                if (Walk(required) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            done.Add(skill);
            return null;
        }
    }
}
