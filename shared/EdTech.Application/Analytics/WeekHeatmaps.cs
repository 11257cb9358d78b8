using EdTech.Application.Records;
using EdTech.Domain.Analytics;

namespace EdTech.Application.Analytics;

/// <summary>
/// The weekly heatmaps from the students' <see cref="StudentWeeksRecord"/>s. Columns are every ISO week from the first to the last
/// with data, so a quiet week is a column rather than a gap.
/// </summary>
public static class WeekHeatmaps
{
    /// <summary>
    /// Skill × week: the mean BKT mastery (0..1), over the students who answered an item on the skill that week, of their mastery
    /// after that week's last answer; <c>counts</c> those students. Rows are the skills with any evidence (ordinal). A cell with
    /// fewer than <paramref name="minCount"/> students is null, and so is one without evidence (count 0): no data is not a mastery of 0.
    /// </summary>
    public static Heatmap SkillWeek(IReadOnlyList<StudentWeeksRecord> students, int minCount)
    {
        ArgumentNullException.ThrowIfNull(students);
        var entries = students.SelectMany(s => s.Mastery).ToList();
        var skills = entries.Select(e => e.Skill).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var weeks = WeeksOf(entries.Select(e => e.Week));
        var sums = entries.GroupBy(e => (e.Skill, e.Week)).ToDictionary(g => g.Key, g => (Sum: g.Sum(e => e.Mastery), Count: g.Count()));
        return Build(Heatmap.SkillWeek, [.. skills.Select(s => new HeatmapAxis(s, s))], weeks, minCount, (row, week) =>
        {
            var (sum, count) = sums.GetValueOrDefault((row, week));
            return (count >= minCount ? sum / count : null, count);
        });
    }

    /// <summary>
    /// Module × week: the share of the course's enrolled students active in the module that week (any usage event on its content,
    /// or on an assessment it links), 0..1; <c>counts</c> the active students. Rows are the course's modules by position. A cell with
    /// 1 to <paramref name="minCount"/> − 1 active students is null; a week nobody was active in is a real 0 (it singles out no one).
    /// </summary>
    public static Heatmap ModuleWeek(IReadOnlyList<ModuleRecord> modules, IReadOnlyList<StudentWeeksRecord> students, int enrolled, int minCount)
    {
        ArgumentNullException.ThrowIfNull(modules);
        ArgumentNullException.ThrowIfNull(students);
        var rows = modules.OrderBy(m => m.Position).ThenBy(m => m.ModuleId, StringComparer.Ordinal).Select(m => new HeatmapAxis(m.ModuleId, m.Title)).ToList();
        var known = rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var entries = students.SelectMany(s => s.Modules.Distinct()).Where(m => known.Contains(m.ModuleId)).ToList();
        var active = entries.GroupBy(e => (e.ModuleId, e.Week)).ToDictionary(g => g.Key, g => g.Count());
        return Build(Heatmap.ModuleWeek, rows, WeeksOf(entries.Select(e => e.Week)), minCount, (row, week) =>
        {
            var count = active.GetValueOrDefault((row, week));
            return (enrolled > 0 && (count == 0 || count >= minCount) ? (double)count / enrolled : null, count);
        });
    }

    private static IReadOnlyList<string> WeeksOf(IEnumerable<string> weeks)
    {
        var all = weeks.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return all.Count == 0 ? [] : IsoWeeks.Range(all[0], all[^1]);
    }

    private static Heatmap Build(string kind, IReadOnlyList<HeatmapAxis> rows, IReadOnlyList<string> weeks, int minCount, Func<string, string, (double? Value, int Count)> cell)
    {
        var cells = new List<IReadOnlyList<double?>>(rows.Count);
        var counts = new List<IReadOnlyList<int>>(rows.Count);
        foreach (var row in rows)
        {
            var values = weeks.Select(w => cell(row.Id, w)).ToList();
            cells.Add([.. values.Select(v => v.Value)]);
            counts.Add([.. values.Select(v => v.Count)]);
        }

        return new Heatmap(kind, rows, [.. weeks.Select(w => new HeatmapAxis(w, w))], cells, counts, minCount);
    }
}
