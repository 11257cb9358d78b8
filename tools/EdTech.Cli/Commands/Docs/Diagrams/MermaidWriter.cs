using System.Text;

namespace EdTech.Cli.Commands.Docs.Diagrams;

/// <summary>A <see cref="DiagramGraph"/> as a Mermaid flowchart (rendered by GitHub), deterministic and with <c>\n</c> line ends.</summary>
public static class MermaidWriter
{
    public static string Write(DiagramGraph graph, string direction = "LR")
    {
        ArgumentNullException.ThrowIfNull(graph);
        var text = new StringBuilder();
        text.Append("flowchart ").Append(direction).Append('\n');
        foreach (var node in graph.Nodes.Where(n => n.Group is null))
        {
            text.Append("  ").Append(NodeText(node)).Append('\n');
        }

        foreach (var group in graph.Groups)
        {
            text.Append("  subgraph ").Append(group.Id).Append("[\"").Append(Escape(group.Label)).Append("\"]\n");
            foreach (var node in graph.Nodes.Where(n => n.Group == group.Id))
            {
                text.Append("    ").Append(NodeText(node)).Append('\n');
            }

            text.Append("  end\n");
        }

        foreach (var edge in graph.Edges)
        {
            var arrow = edge.Style == EdgeStyle.Dotted ? "-.->" : "-->";
            text.Append("  ").Append(edge.From).Append(' ').Append(arrow);
            if (edge.Label is { Length: > 0 } label)
            {
                text.Append("|\"").Append(Escape(label)).Append("\"|");
            }

            text.Append(' ').Append(edge.To).Append('\n');
        }

        return text.ToString();
    }

    private static string NodeText(DiagramNode node) =>
        $"{node.Id}[\"{string.Join("<br/>", node.Lines.Select(Escape))}\"]";

    /// <summary>
    /// Text inside a quoted Mermaid label: quotes and the characters Mermaid or its HTML labels would read as markup become
    /// entity codes (<c>#quot;</c> style, Mermaid's own escape).
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '"' => "#quot;",
                '<' => "#lt;",
                '>' => "#gt;",
                '&' => "#amp;",
                '#' => "#35;",
                '|' => "#124;",
                '\n' or '\r' => " ",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
