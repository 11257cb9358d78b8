using System.Xml.Linq;
using EdTech.Application.Analytics;

namespace EdTech.Application.Tests.Analytics;

public sealed class HeatmapTests
{
    private static readonly HeatmapAxis[] Items = [new("a1/q1", "Quiz · q1: 2+2?"), new("a1/q2", "Quiz · q2: <b>Primes</b> & \"more\"")];

    private static SectionAttempt Attempt(string? section, decimal q1, decimal q2) =>
        new(section, new Dictionary<string, (decimal, decimal)> { ["a1/q1"] = (q1, 1), ["a1/q2"] = (q2, 2) });

    private static List<SectionAttempt> TwoSections() =>
    [
        .. Enumerable.Range(0, 5).Select(i => Attempt("7A", i < 4 ? 1 : 0, 2)),
        .. Enumerable.Range(0, 6).Select(_ => Attempt("7B", 0, 1)),
        Attempt(null, 1, 2),
    ];

    [Fact]
    public void Build_CellsAreTheShareOfPointsEarnedPerSection_WithCounts()
    {
        var map = ItemSectionHeatmap.Build(Items, TwoSections(), 5);

        Assert.Equal(["7A", "7B", ""], map.Columns.Select(c => c.Id));
        Assert.Equal("No section", map.Columns[2].Label);
        Assert.Equal([0.8, 0.0, null], map.Cells[0]);
        Assert.Equal([1.0, 0.5, null], map.Cells[1]);
        Assert.Equal([5, 6, 1], map.Counts[0]);
    }

    [Fact]
    public void Build_CellUnderTheMinimum_IsHidden_NotZero()
    {
        var map = ItemSectionHeatmap.Build(Items, TwoSections(), 6);

        Assert.Null(map.Cells[0][0]);
        Assert.Equal(0.0, map.Cells[0][1]);
    }

    [Fact]
    public void Render_IsWellFormedSvg_WithATooltipPerCell_AndEscapedLabels()
    {
        var map = ItemSectionHeatmap.Build(Items, TwoSections(), 5);

        var svg = XDocument.Parse(HeatmapSvg.Render(map, "math101 <heatmap>"));

        XNamespace ns = "http://www.w3.org/2000/svg";
        var cells = svg.Descendants(ns + "rect").Where(r => r.Element(ns + "title") is not null).ToList();
        Assert.Equal(6, cells.Count);
        Assert.Contains(cells, c => c.Element(ns + "title")!.Value == "Quiz · q1: 2+2? / 7A: 0.8 (5 responses)");
        Assert.Equal(2, cells.Count(c => c.Attribute("fill")!.Value == "url(#empty)"));
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value.StartsWith("Quiz · q2: <b>Primes</b>", StringComparison.Ordinal));
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "no data, or fewer than 5 responses (hidden)");
    }

    [Fact]
    public void Colour_RunsFromViridisPurpleToYellow_AndClamps()
    {
        Assert.Equal("#440154", HeatmapSvg.Colour(0));
        Assert.Equal("#fde725", HeatmapSvg.Colour(1));
        Assert.Equal("#21918c", HeatmapSvg.Colour(0.5));
        Assert.Equal(HeatmapSvg.Colour(1), HeatmapSvg.Colour(7));
    }
}
