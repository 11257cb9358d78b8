using System.Xml.Linq;
using EdTech.Application.Analytics;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Domain.Analytics;
using EdTech.Domain.Adaptive;
using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;

namespace EdTech.Application.Tests.Analytics;

/// <summary>ISO weeks, the weekly mastery replay and the skill × week and module × week heatmaps built from students' weekly records.</summary>
public sealed class WeeklyHeatmapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Theory]
    [InlineData("2026-12-28T00:00:00Z", "2026-W53")] // Monday of the last week of 2026 (a year that starts on a Thursday has 53)
    [InlineData("2026-12-31T23:59:59Z", "2026-W53")]
    [InlineData("2027-01-03T23:59:59Z", "2026-W53")] // Sunday: still the week of 2026's last Thursday
    [InlineData("2027-01-04T00:00:00Z", "2027-W01")]
    [InlineData("2024-12-30T12:00:00Z", "2025-W01")] // Monday of a week whose Thursday is in 2025
    [InlineData("2026-12-07T00:30:00+02:00", "2026-W49")] // read in UTC: Sunday 22:30, still week 49
    public void IsoWeek_AtYearEnds_FollowsTheThursdayRule(string at, string week) =>
        Assert.Equal(week, IsoWeeks.Of(DateTimeOffset.Parse(at, null)));

    [Fact]
    public void IsoWeekRange_AcrossAYearEnd_ListsEveryWeek()
    {
        Assert.Equal(["2026-W52", "2026-W53", "2027-W01", "2027-W02"], IsoWeeks.Range("2026-W52", "2027-W02"));
        Assert.Empty(IsoWeeks.Range("2027-W02", "2026-W52"));
    }

    [Fact]
    public void WeeklyMastery_RecordsTheMasteryAfterEachWeeksLastAnswer_OnlyInWeeksWithAnswers()
    {
        var bkt = LearnerModelSettings.Default.Bkt;
        var monday = DateTimeOffset.Parse("2026-11-30T09:00:00Z", null); // 2026-W49
        SkillAnswer[] answers =
        [
            new(["fractions"], true, monday.AddDays(1)),
            new(["fractions"], false, monday), // out of order: replayed by time
            new(["fractions", "ratio"], true, monday.AddDays(14)), // W51; W50 has no answer
        ];

        var weeks = WeeklyMastery.Replay(answers, bkt);

        var w49 = Bkt.Observe(Bkt.Observe(bkt.PInit, false, bkt), true, bkt);
        Assert.Equal(
            [new("2026-W49", "fractions", w49), new("2026-W51", "fractions", Bkt.Observe(w49, true, bkt)), new SkillWeekMastery("2026-W51", "ratio", Bkt.Observe(bkt.PInit, true, bkt))],
            weeks);
    }

    [Fact]
    public void SkillWeek_MeanMasteryOfStudentsWithEvidence_HidesCellsUnderK_AndAWeekWithoutEvidenceIsEmptyNotZero()
    {
        var students = Enumerable.Range(0, 5).Select(i => Student($"s{i}",
            mastery: [new("2026-W52", "fractions", i < 4 ? 0.5 : 1.0), .. i < 2 ? new SkillWeekMastery[] { new("2027-W01", "ratio", 0.0) } : []])).ToList();
        students.Add(Student("s5", mastery: [new("2027-W02", "fractions", 0.0)]));

        var map = WeekHeatmaps.SkillWeek(students, 2);

        Assert.Equal(Heatmap.SkillWeek, map.Kind);
        Assert.Equal(["fractions", "ratio"], map.Rows.Select(r => r.Id));
        Assert.Equal(["2026-W52", "2026-W53", "2027-W01", "2027-W02"], map.Columns.Select(c => c.Id));
        Assert.Equal([0.6, null, null, null], map.Cells[0]); // W02 has one student: hidden; W53 and W01 have none: empty
        Assert.Equal([5, 0, 0, 1], map.Counts[0]);
        Assert.Equal([null, null, 0.0, null], map.Cells[1]); // a real mean of 0 from two students is shown as 0
        Assert.Equal(2, map.MinCount);
        Assert.Null(WeekHeatmaps.SkillWeek(students, 6).Cells[0][0]);
    }

    [Fact]
    public void ModuleWeek_ShareOfEnrolledStudentsActive_ZeroIsShown_AFewActiveAreHidden()
    {
        ModuleRecord[] modules = [Module("week2", "Week 2", 2), Module("week1", "Week 1", 1)];
        var students = Enumerable.Range(0, 5).Select(i => Student($"s{i}",
            modules: [new("2026-W52", "week1"), new("2026-W52", "week1"), .. i == 0 ? new ModuleWeek[] { new("2027-W01", "week2"), new("2027-W01", "gone") } : []])).ToList();

        var map = WeekHeatmaps.ModuleWeek(modules, students, enrolled: 10, minCount: 5);

        Assert.Equal(["week1", "week2"], map.Rows.Select(r => r.Id));
        Assert.Equal("Week 1", map.Rows[0].Label);
        Assert.Equal(["2026-W52", "2026-W53", "2027-W01"], map.Columns.Select(c => c.Id));
        Assert.Equal([0.5, 0.0, 0.0], map.Cells[0]); // a duplicated entry counts its student once
        Assert.Equal([0.0, 0.0, null], map.Cells[1]); // one active student: hidden
        Assert.Equal([[5, 0, 0], [0, 0, 1]], map.Counts);
    }

    [Fact]
    public void ModuleWeek_NoEnrolledStudents_IsEmpty_NotADivisionByZero()
    {
        var map = WeekHeatmaps.ModuleWeek([Module("week1", "Week 1", 1)], [Student("s0", modules: [new("2026-W52", "week1")])], enrolled: 0, minCount: 2);

        Assert.Equal([(double?)null], map.Cells[0]);
    }

    [Fact]
    public void Render_SkillWeek_IsWellFormed_WithATitlePerCell_TheMeasureInTheLegend_AndSuppressedCellsHatched()
    {
        var students = Enumerable.Range(0, 3).Select(i => Student($"s{i}", mastery: [new("2026-W52", "fractions", 0.25), .. i == 0 ? new SkillWeekMastery[] { new("2027-W01", "fractions", 1) } : []])).ToList();
        var map = WeekHeatmaps.SkillWeek(students, 3);

        var svg = XDocument.Parse(HeatmapSvg.Render(map, HeatmapSvg.TitleFor("math101", map.Kind)));

        var cells = svg.Descendants(Svg + "rect").Where(r => r.Element(Svg + "title") is not null).ToList();
        Assert.Equal(3, cells.Count); // 2026-W52, 2026-W53 (nobody), 2027-W01
        Assert.Equal("fractions / 2026-W52: 0.25 (3 responses)", cells[0].Element(Svg + "title")!.Value);
        Assert.Equal(HeatmapSvg.Colour(0.25), cells[0].Attribute("fill")!.Value);
        Assert.Equal("fractions / 2026-W53: no data", cells[1].Element(Svg + "title")!.Value);
        Assert.Equal("fractions / 2027-W01: hidden, 1 responses (fewer than 3)", cells[2].Element(Svg + "title")!.Value);
        Assert.Equal(["url(#empty)", "url(#empty)"], cells.Skip(1).Select(c => c.Attribute("fill")!.Value));
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "mean mastery");
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "no data, or fewer than 3 responses (hidden)");
        Assert.Equal("math101: mean mastery, skill × week", svg.Root!.Element(Svg + "title")!.Value);
    }

    [Fact]
    public void Render_TwoHundredItemsByThirtySections_HasATitlePerCell()
    {
        var items = Enumerable.Range(0, 200).Select(i => new HeatmapAxis($"a/q{i}", $"Item {i}")).ToList();
        var attempts = Enumerable.Range(0, 30 * 5).Select(s => new SectionAttempt($"S{s % 30:00}",
            items.ToDictionary(i => i.Id, i => ((decimal)(s % 3), 2m)))).ToList();
        var map = ItemSectionHeatmap.Build(items, attempts, 5);

        var svg = XDocument.Parse(HeatmapSvg.Render(map, "big"));

        Assert.Equal(6000, svg.Descendants(Svg + "rect").Count(r => r.Element(Svg + "title") is not null));
        Assert.Equal(30, map.Columns.Count);
    }

    private static StudentWeeksRecord Student(string userId, SkillWeekMastery[]? mastery = null, ModuleWeek[]? modules = null) =>
        StudentWeeksRecord.Empty("math101", userId) with { Mastery = mastery ?? [], Modules = modules ?? [] };

    private static ModuleRecord Module(string id, string title, int position) =>
        new(ModuleRecord.IdFor("math101", id), "math101", id, title, position, [], "t1", DateTimeOffset.UnixEpoch);
}
