using System.Globalization;
using System.Xml;
using EdTech.Application.Common;
using EdTech.Application.Records.Views;

namespace EdTech.Application.Analytics;

/// <summary>
/// A heatmap as an SVG a teacher can read at a glance: row labels on the left, column labels on top, one square per cell coloured
/// on viridis (sequential, readable with the common colour-vision deficiencies and in greyscale), suppressed or empty cells hatched
/// grey so they never look like 0, a legend, and a <c>&lt;title&gt;</c> per cell (a tooltip) with the exact value and count.
/// Written with <see cref="XmlWriter"/>, so labels are escaped.
/// </summary>
public static class HeatmapSvg
{
    public const string ContentType = "image/svg+xml";
    private const int Cell = 18;
    private const int LabelWidth = 280;
    private const int HeaderHeight = 120;
    private const int LegendHeight = 70;
    private const int MaxLabel = 40;

    /// <summary>Viridis at nine evenly spaced stops (matplotlib's colormap data), interpolated linearly between them.</summary>
    private static readonly (byte R, byte G, byte B)[] Viridis =
    [
        (0x44, 0x01, 0x54), (0x47, 0x2d, 0x7b), (0x3b, 0x52, 0x8b), (0x2c, 0x72, 0x8e), (0x21, 0x91, 0x8c),
        (0x28, 0xae, 0x80), (0x5e, 0xc9, 0x62), (0xad, 0xdc, 0x30), (0xfd, 0xe7, 0x25),
    ];

    public static string Render(Heatmap map, string title)
    {
        ArgumentNullException.ThrowIfNull(map);
        var width = LabelWidth + (Math.Max(1, map.Columns.Count) * Cell) + 20;
        var height = HeaderHeight + (map.Rows.Count * Cell) + LegendHeight;
        return SvgDocument.Write(width, height, 11, title, w =>
        {
            Hatch(w);
            Header(w, map, title);
            for (var r = 0; r < map.Rows.Count; r++)
            {
                Row(w, map, r);
            }

            Legend(w, map, HeaderHeight + (map.Rows.Count * Cell) + 16);
        });
    }

    /// <summary>What the cells of a kind measure (the legend's caption and the default title).</summary>
    public static string Measure(string kind) => kind switch
    {
        Heatmap.SkillWeek => "mean mastery",
        Heatmap.ModuleWeek => "share of students active",
        _ => "share of points earned",
    };

    /// <summary>The title a route gives the document: the course, the measure and the axes.</summary>
    public static string TitleFor(string courseId, string kind) => kind switch
    {
        Heatmap.SkillWeek => $"{courseId}: {Measure(kind)}, skill × week",
        Heatmap.ModuleWeek => $"{courseId}: {Measure(kind)}, module × week",
        _ => $"{courseId}: {Measure(kind)}, item × section",
    };

    /// <summary>The colour of a value in [0, 1] as #rrggbb.</summary>
    public static string Colour(double value)
    {
        var x = Math.Clamp(value, 0, 1) * (Viridis.Length - 1);
        var i = Math.Min((int)x, Viridis.Length - 2);
        var t = x - i;
        byte Mix(byte a, byte b) => (byte)Math.Round(a + ((b - a) * t));
        var (lo, hi) = (Viridis[i], Viridis[i + 1]);
        return Invariant($"#{Mix(lo.R, hi.R):x2}{Mix(lo.G, hi.G):x2}{Mix(lo.B, hi.B):x2}");
    }

    private static void Hatch(XmlWriter w)
    {
        w.WriteStartElement("defs");
        w.WriteStartElement("pattern");
        w.WriteAttributeString("id", "empty");
        w.WriteAttributeString("patternUnits", "userSpaceOnUse");
        Attr(w, "width", 6);
        Attr(w, "height", 6);
        Rect(w, 0, 0, 6, 6, "#f2f2f2");
        w.WriteStartElement("path");
        w.WriteAttributeString("d", "M0,6 L6,0");
        w.WriteAttributeString("stroke", "#a0a0a0");
        w.WriteAttributeString("stroke-width", "1");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Header(XmlWriter w, Heatmap map, string title)
    {
        Text(w, 4, 16, title, "start", bold: true);
        for (var c = 0; c < map.Columns.Count; c++)
        {
            var x = LabelWidth + (c * Cell) + (Cell / 2) + 4;
            w.WriteStartElement("text");
            w.WriteAttributeString("transform", Invariant($"translate({x},{HeaderHeight - 6}) rotate(-60)"));
            w.WriteString(Short(map.Columns[c].Label));
            w.WriteEndElement();
        }
    }

    private static void Row(XmlWriter w, Heatmap map, int r)
    {
        var y = HeaderHeight + (r * Cell);
        Text(w, LabelWidth - 6, y + 13, Short(map.Rows[r].Label), "end");
        for (var c = 0; c < map.Columns.Count; c++)
        {
            var value = map.Cells[r][c];
            var count = map.Counts[r][c];
            w.WriteStartElement("rect");
            Attr(w, "x", LabelWidth + (c * Cell));
            Attr(w, "y", y);
            Attr(w, "width", Cell - 1);
            Attr(w, "height", Cell - 1);
            w.WriteAttributeString("fill", value is { } v ? Colour(v) : "url(#empty)");
            w.WriteElementString("title", value is { } shown
                ? Invariant($"{map.Rows[r].Label} / {map.Columns[c].Label}: {shown:0.####} ({count} responses)")
                : count == 0
                    ? Invariant($"{map.Rows[r].Label} / {map.Columns[c].Label}: no data")
                    : Invariant($"{map.Rows[r].Label} / {map.Columns[c].Label}: hidden, {count} responses (fewer than {map.MinCount})"));
            w.WriteEndElement();
        }
    }

    private static void Legend(XmlWriter w, Heatmap map, int y)
    {
        const int steps = 20;
        const int stepWidth = 10;
        for (var i = 0; i < steps; i++)
        {
            Rect(w, LabelWidth + (i * stepWidth), y, stepWidth, 12, Colour((i + 0.5) / steps));
        }

        Text(w, LabelWidth, y + 26, "0", "middle");
        Text(w, LabelWidth + (steps * stepWidth / 2), y + 26, "0.5", "middle");
        Text(w, LabelWidth + (steps * stepWidth), y + 26, "1", "middle");
        Text(w, LabelWidth - 6, y + 10, Measure(map.Kind), "end");
        var emptyX = LabelWidth + (steps * stepWidth) + 30;
        w.WriteStartElement("rect");
        Attr(w, "x", emptyX);
        Attr(w, "y", y);
        Attr(w, "width", 12);
        Attr(w, "height", 12);
        w.WriteAttributeString("fill", "url(#empty)");
        w.WriteEndElement();
        Text(w, emptyX + 16, y + 10, Invariant($"no data, or fewer than {map.MinCount} responses (hidden)"), "start");
    }

    private static void Rect(XmlWriter w, int x, int y, int width, int height, string fill)
    {
        w.WriteStartElement("rect");
        Attr(w, "x", x);
        Attr(w, "y", y);
        Attr(w, "width", width);
        Attr(w, "height", height);
        w.WriteAttributeString("fill", fill);
        w.WriteEndElement();
    }

    private static void Text(XmlWriter w, int x, int y, string value, string anchor, bool bold = false)
    {
        w.WriteStartElement("text");
        Attr(w, "x", x);
        Attr(w, "y", y);
        w.WriteAttributeString("text-anchor", anchor);
        if (bold)
        {
            w.WriteAttributeString("font-weight", "bold");
        }

        w.WriteString(value);
        w.WriteEndElement();
    }

    private static void Attr(XmlWriter w, string name, int value) => w.WriteAttributeString(name, value.ToString(CultureInfo.InvariantCulture));

    private static string Short(string label) => label.Length <= MaxLabel ? label : string.Concat(label.AsSpan(0, MaxLabel - 1), "…");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
