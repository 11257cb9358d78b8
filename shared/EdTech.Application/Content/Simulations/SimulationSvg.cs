using System.Globalization;
using System.Xml;
using EdTech.Application.Common;
using EdTech.Domain.Simulation;

namespace EdTech.Application.Content.Simulations;

/// <summary>
/// A completed simulation as a dot-and-interval chart: one row per figure (pass rate, mean score, mastery per skill, all shares
/// from 0 to 1), the baseline as a blue circle and the proposal as a vermillion square (Okabe–Ito colours, distinguishable
/// with the common colour-vision deficiencies, and told apart by shape too), each with its 95% interval as a bar; labelled
/// axes, a legend, and a <c>&lt;title&gt;</c> tooltip per mark with the exact value, interval and change. Written with
/// <see cref="XmlWriter"/>, so skill ids are escaped.
/// </summary>
public static class SimulationSvg
{
    public const string ContentType = "image/svg+xml";
    public const string BaselineColour = "#0072B2";
    public const string ProposalColour = "#D55E00";
    private const int LabelWidth = 220;
    private const int PlotWidth = 480;
    private const int Top = 70;
    private const int RowHeight = 36;
    private const int Bottom = 70;
    private const int MaxLabel = 32;

    public static string Render(SimulationSummary summary, string title)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var rows = new List<(string Label, Estimate Baseline, Estimate Proposal, Estimate Delta)>
        {
            ("Pass rate", summary.Baseline.PassRate, summary.Proposal.PassRate, summary.Delta.PassRate),
            ("Mean score", summary.Baseline.MeanScore, summary.Proposal.MeanScore, summary.Delta.MeanScore),
        };
        rows.AddRange(summary.Baseline.Mastery.Keys.Order(StringComparer.Ordinal)
            .Select(s => ("Mastery: " + s, summary.Baseline.Mastery[s], summary.Proposal.Mastery[s], summary.Delta.Mastery[s])));
        var width = LabelWidth + PlotWidth + 40;
        var height = Top + (rows.Count * RowHeight) + Bottom;
        return SvgDocument.Write(width, height, 12, title, w =>
        {
            Label(w, 10, 20, title, "start", "14");
            Legend(w, summary);
            Axis(w, rows.Count);
            for (var r = 0; r < rows.Count; r++)
            {
                Row(w, r, rows[r]);
            }
        });
    }

    private static double X(double share) => LabelWidth + (Math.Clamp(share, 0, 1) * PlotWidth);

    private static void Legend(XmlWriter w, SimulationSummary summary)
    {
        Circle(w, LabelWidth + 6, 42, BaselineColour, null);
        Label(w, LabelWidth + 16, 46, "Baseline (current course)", "start", "12");
        Square(w, LabelWidth + 206, 42, ProposalColour, null);
        Label(w, LabelWidth + 216, 46, "Proposal (changed course)", "start", "12");
        Label(w, 10, 46, Invariant($"{summary.Students:N0} students; bars: 95% intervals"), "start", "11");
    }

    private static void Axis(XmlWriter w, int rows)
    {
        var y = Top + (rows * RowHeight);
        Line(w, LabelWidth, y, LabelWidth + PlotWidth, y, "#333333", 1);
        Line(w, LabelWidth, Top - 6, LabelWidth, y, "#333333", 1);
        for (var t = 0; t <= 10; t += 2)
        {
            var x = X(t / 10.0);
            Line(w, x, Top - 6, x, y, "#e0e0e0", 1);
            Line(w, x, y, x, y + 5, "#333333", 1);
            Label(w, x, y + 18, Invariant($"{t / 10.0:0.0}"), "middle", "11");
        }

        Label(w, LabelWidth + (PlotWidth / 2.0), y + 40, "Share of students (pass rate, mastery) or of points (mean score), 0 to 1", "middle", "12");
        w.WriteStartElement("text");
        Attr(w, "x", 14);
        Attr(w, "y", Top + (rows * RowHeight / 2.0));
        w.WriteAttributeString("text-anchor", "middle");
        w.WriteAttributeString("transform", Invariant($"rotate(-90 14 {Top + (rows * RowHeight / 2.0)})"));
        w.WriteString("Figure");
        w.WriteEndElement();
    }

    private static void Row(XmlWriter w, int index, (string Label, Estimate Baseline, Estimate Proposal, Estimate Delta) row)
    {
        var y = Top + (index * RowHeight);
        var label = row.Label.Length > MaxLabel ? row.Label[..(MaxLabel - 1)] + "…" : row.Label;
        Label(w, LabelWidth - 8, y + (RowHeight / 2.0) + 4, label, "end", "12");
        var change = Invariant($"change {row.Delta.Mean:+0.000;-0.000;0.000} (95% {row.Delta.Low:+0.000;-0.000;0.000} to {row.Delta.High:+0.000;-0.000;0.000})");
        Mark(w, y + 11, row.Baseline, BaselineColour, square: false, Invariant($"{row.Label}, baseline: {Describe(row.Baseline)}"));
        Mark(w, y + 25, row.Proposal, ProposalColour, square: true, Invariant($"{row.Label}, proposal: {Describe(row.Proposal)}; {change}"));
    }

    private static string Describe(Estimate e) => Invariant($"{e.Mean:0.000} (95% {e.Low:0.000} to {e.High:0.000})");

    private static void Mark(XmlWriter w, double y, Estimate estimate, string colour, bool square, string tooltip)
    {
        w.WriteStartElement("g");
        w.WriteElementString("title", tooltip);
        Line(w, X(estimate.Low), y, X(estimate.High), y, colour, 3);
        Line(w, X(estimate.Low), y - 4, X(estimate.Low), y + 4, colour, 1.5);
        Line(w, X(estimate.High), y - 4, X(estimate.High), y + 4, colour, 1.5);
        if (square)
        {
            Square(w, X(estimate.Mean), y, colour, "#ffffff");
        }
        else
        {
            Circle(w, X(estimate.Mean), y, colour, "#ffffff");
        }

        w.WriteEndElement();
    }

    private static void Circle(XmlWriter w, double cx, double cy, string fill, string? stroke)
    {
        w.WriteStartElement("circle");
        Attr(w, "cx", cx);
        Attr(w, "cy", cy);
        Attr(w, "r", 5);
        w.WriteAttributeString("fill", fill);
        if (stroke is not null)
        {
            w.WriteAttributeString("stroke", stroke);
        }

        w.WriteEndElement();
    }

    private static void Square(XmlWriter w, double cx, double cy, string fill, string? stroke)
    {
        w.WriteStartElement("rect");
        Attr(w, "x", cx - 5);
        Attr(w, "y", cy - 5);
        Attr(w, "width", 10);
        Attr(w, "height", 10);
        w.WriteAttributeString("fill", fill);
        if (stroke is not null)
        {
            w.WriteAttributeString("stroke", stroke);
        }

        w.WriteEndElement();
    }

    private static void Line(XmlWriter w, double x1, double y1, double x2, double y2, string colour, double width)
    {
        w.WriteStartElement("line");
        Attr(w, "x1", x1);
        Attr(w, "y1", y1);
        Attr(w, "x2", x2);
        Attr(w, "y2", y2);
        w.WriteAttributeString("stroke", colour);
        Attr(w, "stroke-width", width);
        w.WriteEndElement();
    }

    private static void Label(XmlWriter w, double x, double y, string value, string anchor, string size)
    {
        w.WriteStartElement("text");
        Attr(w, "x", x);
        Attr(w, "y", y);
        w.WriteAttributeString("text-anchor", anchor);
        w.WriteAttributeString("font-size", size);
        w.WriteString(value);
        w.WriteEndElement();
    }

    private static void Attr(XmlWriter w, string name, double value) => w.WriteAttributeString(name, value.ToString("0.##", CultureInfo.InvariantCulture));

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
