using EdTech.Domain.Usage;

namespace EdTech.Domain.Analytics;

/// <summary>Where students stop in one module item: how many reached it and how many of those dropped off the module there.</summary>
/// <param name="ObjectId">The module item's id.</param>
/// <param name="AssessmentId">The assessment the module item links, when it is one.</param>
public sealed record ContentDropOffEvidence(string ModuleId, string ObjectId, string? AssessmentId, int Reached, int DroppedAt);

/// <summary>
/// Drop-off per module item, from each student's activity in the module (<see cref="ModuleActivity"/>), the items in module
/// order. A student <b>reached</b> an item when they started the module and completed every item before it (every student who
/// started reached the first). A student <b>dropped off at</b> an item when they dropped off the module
/// (<see cref="ModuleDropOff"/>: started, not completed, inactive at least <see cref="ModuleDropOff.InactiveAfter"/>) and it is
/// the first item, in module order, they did not complete. Each dropped student is counted at exactly one item, so the items'
/// <c>DroppedAt</c> add up to the module's <c>droppedOff</c>. A module without items attributes nothing.
/// </summary>
public static class ContentDropOff
{
    public static IReadOnlyList<ContentDropOffEvidence> Count(
        string moduleId, IReadOnlyList<(string ObjectId, string? AssessmentId)> items, IEnumerable<ModuleActivity> students, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(students);
        var ids = items.Select(i => i.ObjectId).ToList();
        var reached = new int[items.Count];
        var dropped = new int[items.Count];
        foreach (var student in students)
        {
            var completed = ModuleDropOff.IsCompleted(student, ids);
            var stop = student.ModuleCompleted ? ids.Count : ids.FindIndex(id => !student.CompletedItems.Contains(id));
            var last = stop < 0 ? ids.Count : stop;
            for (var i = 0; i <= Math.Min(last, ids.Count - 1); i++)
            {
                reached[i]++;
            }

            if (!completed && now - student.LastAt >= ModuleDropOff.InactiveAfter && stop >= 0 && stop < ids.Count)
            {
                dropped[stop]++;
            }
        }

        return [.. items.Select((item, i) => new ContentDropOffEvidence(moduleId, item.ObjectId, item.AssessmentId, reached[i], dropped[i]))];
    }
}
