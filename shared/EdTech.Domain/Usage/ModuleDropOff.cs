namespace EdTech.Domain.Usage;

/// <summary>One student's activity in one module, from their <c>content</c> events on the module or its items.</summary>
/// <param name="ModuleCompleted">Whether the student posted <c>completed</c> for the module itself.</param>
/// <param name="CompletedItems">The module's items the student posted <c>completed</c> for.</param>
public sealed record ModuleActivity(DateTimeOffset FirstAt, DateTimeOffset LastAt, bool ModuleCompleted, IReadOnlyCollection<string> CompletedItems);

/// <summary>A module's funnel: <see cref="Started"/> = <see cref="Completed"/> + <see cref="InProgress"/> + <see cref="DroppedOff"/>.</summary>
public sealed record ModuleFunnel(int Started, int Completed, int InProgress, int DroppedOff);

/// <summary>
/// Drop-off per module. A student <b>started</b> a module with any event on it or one of its items; <b>completed</b> it with
/// <c>completed</c> on the module itself, or on every one of its (current) items; <b>dropped off</b> when started, not completed,
/// and their last event on the module is at least <see cref="InactiveAfter"/> old; otherwise <b>in progress</b>.
/// </summary>
public static class ModuleDropOff
{
    /// <summary>Two weeks: longer than a school holiday week plus a weekend, so a normal break is not read as leaving.</summary>
    public static readonly TimeSpan InactiveAfter = TimeSpan.FromDays(14);

    public static bool IsCompleted(ModuleActivity activity, IReadOnlyCollection<string> itemIds)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(itemIds);
        return activity.ModuleCompleted || (itemIds.Count > 0 && itemIds.All(activity.CompletedItems.Contains));
    }

    public static ModuleFunnel Count(IReadOnlyCollection<string> itemIds, IEnumerable<ModuleActivity> students, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(students);
        int started = 0, completed = 0, dropped = 0;
        foreach (var student in students)
        {
            started++;
            if (IsCompleted(student, itemIds))
            {
                completed++;
            }
            else if (now - student.LastAt >= InactiveAfter)
            {
                dropped++;
            }
        }

        return new ModuleFunnel(started, completed, started - completed - dropped, dropped);
    }
}
