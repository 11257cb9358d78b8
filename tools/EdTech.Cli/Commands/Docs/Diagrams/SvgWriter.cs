using System.Globalization;
using System.Security;
using System.Text;

namespace EdTech.Cli.Commands.Docs.Diagrams;

/// <summary>
/// A <see cref="DiagramGraph"/> as a plain SVG for readers outside GitHub (no Mermaid, no browser needed to make it): each group
/// is a column of boxes (a long group wraps into several columns inside its frame), ungrouped nodes come first, edges are
/// orthogonal arrows from a box's right side to the target's left side, through the gaps between columns and, between columns that are not neighbours, along a lane of their own above the columns (a bend on the right when both ends share a column). Readable rather than beautiful; deterministic.
/// Text is measured as monospace (the SVG asks for a monospace font), so boxes fit their text without a browser.
/// </summary>
public static class SvgWriter
{
    private const int FontSize = 12;
    private const double CharWidth = 7.3;
    private const int LineHeight = 16;
    private const int BoxPadding = 8;
    private const int NodeGap = 10;
    private const int ColumnGap = 90;
    private const int GroupPadding = 12;
    private const int GroupHeader = 26;
    private const int Margin = 20;
    private const int TitleHeight = 34;
    private const int MaxPerColumn = 18;
    private const int LaneGap = 13;

    private sealed record Box(double X, double Y, double Width, double Height)
    {
        public double CenterY => Y + (Height / 2);

        public double Right => X + Width;
    }

    public static string Write(DiagramGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var nodeBoxes = new Dictionary<string, Box>(StringComparer.Ordinal);
        var groupBoxes = new Dictionary<string, Box>(StringComparer.Ordinal);
        var columnOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var x = (double)Margin;
        var top = (double)(Margin + TitleHeight);
        var height = 0.0;
        var column = 0;

        var loose = graph.Nodes.Where(n => n.Group is null).ToList();
        foreach (var chunk in loose.Chunk(MaxPerColumn))
        {
            var (width, bottom) = Stack(chunk, x, top, nodeBoxes);
            foreach (var node in chunk)
            {
                columnOf[node.Id] = column;
            }

            height = Math.Max(height, bottom);
            x += width + ColumnGap;
            column++;
        }

        foreach (var group in graph.Groups)
        {
            var members = graph.Nodes.Where(n => n.Group == group.Id).ToList();
            var left = x;
            var innerX = x + GroupPadding;
            var bottom = top + GroupHeader + GroupPadding;
            foreach (var chunk in members.Chunk(MaxPerColumn))
            {
                var (width, chunkBottom) = Stack(chunk, innerX, top + GroupHeader, nodeBoxes);
                foreach (var node in chunk)
                {
                    columnOf[node.Id] = column;
                }

                bottom = Math.Max(bottom, chunkBottom);
                innerX += width + (ColumnGap / 2.0);
                column++;
            }

            var groupWidth = Math.Max(innerX - (ColumnGap / 2.0) + GroupPadding - left, TextWidth(group.Label) + (2 * GroupPadding));
            if (members.Count == 0)
            {
                column++;
            }

            groupBoxes[group.Id] = new Box(left, top, groupWidth, bottom + GroupPadding - top);
            columnOf[group.Id] = column - 1;
            height = Math.Max(height, bottom + GroupPadding);
            x = left + groupWidth + ColumnGap;
        }

        // Edges between columns that are not neighbours run in lanes above the columns, one lane each, so none crosses a box:
        // out of the source's right side, up the gap beside its column, along its lane, down the gap before the target's column.
        var firstColumn = new Dictionary<string, int>(columnOf, StringComparer.Ordinal);
        foreach (var group in graph.Groups)
        {
            var members = graph.Nodes.Where(n => n.Group == group.Id).Select(n => columnOf[n.Id]).ToList();
            firstColumn[group.Id] = members.Count == 0 ? columnOf[group.Id] : members.Min();
        }

        var laned = graph.Edges
            .Where(e => columnOf[e.From] != columnOf[e.To] && !(nodeBoxes.ContainsKey(e.From) && nodeBoxes.ContainsKey(e.To) && firstColumn[e.To] == columnOf[e.From] + 1))
            .ToList();
        var band = laned.Count == 0 ? 0 : (laned.Count * LaneGap) + 10;
        foreach (var id in nodeBoxes.Keys.ToList())
        {
            nodeBoxes[id] = nodeBoxes[id] with { Y = nodeBoxes[id].Y + band };
        }

        foreach (var id in groupBoxes.Keys.ToList())
        {
            groupBoxes[id] = groupBoxes[id] with { Y = groupBoxes[id].Y + band };
        }

        height += band;
        var totalWidth = Math.Max(x - ColumnGap + Margin, TextWidth(graph.Title) + (2 * Margin));
        var totalHeight = height + Margin;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(totalWidth)}\" height=\"{N(totalHeight)}\" viewBox=\"0 0 {N(totalWidth)} {N(totalHeight)}\" font-family=\"monospace\" font-size=\"{FontSize}\">\n");
        svg.Append("  <title>").Append(Xml(graph.Title)).Append("</title>\n");
        svg.Append("  <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>\n");
        svg.Append("  <rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"{Margin}\" y=\"{Margin + 16}\" font-size=\"16\" font-weight=\"bold\">{Xml(graph.Title)}</text>\n");

        foreach (var group in graph.Groups)
        {
            var box = groupBoxes[group.Id];
            svg.Append(CultureInfo.InvariantCulture,
                $"  <g id=\"{group.Id}\"><rect x=\"{N(box.X)}\" y=\"{N(box.Y)}\" width=\"{N(box.Width)}\" height=\"{N(box.Height)}\" rx=\"6\" fill=\"#f4f6fa\" stroke=\"#8899bb\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(box.X + GroupPadding)}\" y=\"{N(box.Y + 18)}\" font-weight=\"bold\">{Xml(group.Label)}</text></g>\n");
        }

        var jitter = 0;
        foreach (var edge in graph.Edges)
        {
            var from = nodeBoxes.TryGetValue(edge.From, out var f) ? f : groupBoxes[edge.From];
            var to = nodeBoxes.TryGetValue(edge.To, out var t) ? t : groupBoxes[edge.To];
            var fromY = nodeBoxes.ContainsKey(edge.From) ? from.CenterY : from.Y + 14;
            var toY = nodeBoxes.ContainsKey(edge.To) ? to.CenterY : to.Y + 14;
            var dash = edge.Style == EdgeStyle.Dotted ? " stroke-dasharray=\"5,4\"" : string.Empty;
            var offset = 6 + ((jitter++ % 6) * 3);
            string path;
            double labelX;
            double labelY;
            var anchor = "start";
            var lane = laned.IndexOf(edge);
            if (columnOf[edge.From] == columnOf[edge.To])
            {
                var bend = Math.Max(from.Right, to.Right) + offset;
                path = $"M {N(from.Right)} {N(fromY)} L {N(bend)} {N(fromY)} L {N(bend)} {N(toY)} L {N(to.Right)} {N(toY)}";
                (labelX, labelY) = (bend + 3, (fromY + toY) / 2);
            }
            else if (lane < 0)
            {
                var mid = ((from.Right + to.X) / 2) + offset - 12;
                path = $"M {N(from.Right)} {N(fromY)} L {N(mid)} {N(fromY)} L {N(mid)} {N(toY)} L {N(to.X)} {N(toY)}";
                (labelX, labelY, anchor) = (to.X - 3, toY - 2, "end");
            }
            else
            {
                var laneY = Margin + TitleHeight + 4 + (lane * LaneGap);
                var up = from.Right + offset;
                var down = to.X - offset;
                path = $"M {N(from.Right)} {N(fromY)} L {N(up)} {N(fromY)} L {N(up)} {N(laneY)} L {N(down)} {N(laneY)} L {N(down)} {N(toY)} L {N(to.X)} {N(toY)}";
                (labelX, labelY, anchor) = (down > up ? up + 4 : up - 4, laneY - 2, down > up ? "start" : "end");
            }

            svg.Append(CultureInfo.InvariantCulture, $"  <path d=\"{path}\" fill=\"none\" stroke=\"#555\"{dash} marker-end=\"url(#arrow)\"><title>{Xml(edge.From)} → {Xml(edge.To)}</title></path>\n");
            if (edge.Label is { Length: > 0 } label)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"  <text x=\"{N(labelX)}\" y=\"{N(labelY)}\" font-size=\"10\" text-anchor=\"{anchor}\" fill=\"#333\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{Xml(label)}</text>\n");
            }
        }

        foreach (var node in graph.Nodes)
        {
            var box = nodeBoxes[node.Id];
            svg.Append(CultureInfo.InvariantCulture,
                $"  <g id=\"{node.Id}\"><rect x=\"{N(box.X)}\" y=\"{N(box.Y)}\" width=\"{N(box.Width)}\" height=\"{N(box.Height)}\" rx=\"4\" fill=\"#ffffff\" stroke=\"#335\"/>");
            for (var i = 0; i < node.Lines.Count; i++)
            {
                var weight = i == 0 ? " font-weight=\"bold\"" : string.Empty;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{N(box.X + BoxPadding)}\" y=\"{N(box.Y + BoxPadding + ((i + 1) * LineHeight) - 4)}\"{weight}>{Xml(node.Lines[i])}</text>");
            }

            svg.Append("</g>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>Lays out <paramref name="nodes"/> top to bottom at <paramref name="x"/>, all as wide as the widest; returns that width and the bottom.</summary>
    private static (double Width, double Bottom) Stack(IReadOnlyList<DiagramNode> nodes, double x, double top, Dictionary<string, Box> boxes)
    {
        var width = nodes.Max(n => n.Lines.Max(TextWidth)) + (2 * BoxPadding);
        var y = top;
        foreach (var node in nodes)
        {
            var height = (node.Lines.Count * LineHeight) + (2 * BoxPadding) - 4;
            boxes[node.Id] = new Box(x, y, width, height);
            y += height + NodeGap;
        }

        return (width, y - NodeGap);
    }

    private static double TextWidth(string text) => Math.Ceiling(text.Length * CharWidth);

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Xml(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
