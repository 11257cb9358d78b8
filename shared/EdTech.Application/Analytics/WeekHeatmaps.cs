using EdTech.Application.Records;
using EdTech.Application.Records.Views;
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
    public static Heatmap SkillWeek(IReadOnlyList<StudentWeeksRecord> students, int minCount) => SkillWeek(SkillSums(students), minCount);

    /// <summary>Skill × week from the course's sums (<see cref="CourseWeeksRecord"/>).</summary>
    public static Heatmap SkillWeek(IReadOnlyList<SkillWeekSum> cells, int minCount)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var skills = cells.Select(e => e.Skill).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var weeks = WeeksOf(cells.Select(e => e.Week));
        var sums = cells.ToDictionary(e => (e.Skill, e.Week), e => (e.Sum, e.Count));
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
    public static Heatmap ModuleWeek(IReadOnlyList<ModuleRecord> modules, IReadOnlyList<StudentWeeksRecord> students, int enrolled, int minCount) =>
        ModuleWeek(modules, ModuleCounts(students), enrolled, minCount);

    /// <summary>Module × week from the course's counts (<see cref="CourseWeeksRecord"/>).</summary>
    public static Heatmap ModuleWeek(IReadOnlyList<ModuleRecord> modules, IReadOnlyList<ModuleWeekCount> counts, int enrolled, int minCount)
    {
        ArgumentNullException.ThrowIfNull(modules);
        ArgumentNullException.ThrowIfNull(counts);
        var rows = modules.OrderBy(m => m.Position).ThenBy(m => m.ModuleId, StringComparer.Ordinal).Select(m => new HeatmapAxis(m.ModuleId, m.Title)).ToList();
        var known = rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var entries = counts.Where(m => known.Contains(m.ModuleId)).ToList();
        var active = entries.ToDictionary(e => (e.ModuleId, e.Week), e => e.Count);
        return Build(Heatmap.ModuleWeek, rows, WeeksOf(entries.Select(e => e.Week)), minCount, (row, week) =>
        {
            var count = active.GetValueOrDefault((row, week));
            return (enrolled > 0 && (count == 0 || count >= minCount) ? (double)count / enrolled : null, count);
        });
    }

    /// <summary>Σ mastery and students with evidence per (skill, week), in skill then week order.</summary>
    public static IReadOnlyList<SkillWeekSum> SkillSums(IEnumerable<StudentWeeksRecord> students)
    {
        ArgumentNullException.ThrowIfNull(students);
        return [.. students.SelectMany(s => s.Mastery).GroupBy(e => (e.Skill, e.Week))
            .OrderBy(g => g.Key.Skill, StringComparer.Ordinal).ThenBy(g => g.Key.Week, StringComparer.Ordinal)
            .Select(g => new SkillWeekSum(g.Key.Skill, g.Key.Week, g.Sum(e => e.Mastery), g.Count()))];
    }

    /// <summary>Distinct active students per (module, week), in module then week order.</summary>
    public static IReadOnlyList<ModuleWeekCount> ModuleCounts(IEnumerable<StudentWeeksRecord> students)
    {
        ArgumentNullException.ThrowIfNull(students);
        return [.. students.SelectMany(s => s.Modules.Distinct()).GroupBy(e => (e.ModuleId, e.Week))
            .OrderBy(g => g.Key.ModuleId, StringComparer.Ordinal).ThenBy(g => g.Key.Week, StringComparer.Ordinal)
            .Select(g => new ModuleWeekCount(g.Key.ModuleId, g.Key.Week, g.Count()))];
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
