namespace EdTech.Cli.Commands.Docs.Diagrams;

/// <summary>How an edge is drawn: a solid arrow (calls, feeds, starts) or a dotted one (depends on, may use).</summary>
public enum EdgeStyle
{
    Solid,
    Dotted,
}

/// <summary>A box: its id (letters, digits, underscores), its text lines and the group (subgraph) it sits in, if any.</summary>
public sealed record DiagramNode(string Id, IReadOnlyList<string> Lines, string? Group = null);

/// <summary>A subgraph: drawn as one column of boxes in the SVG, as a <c>subgraph</c> in Mermaid.</summary>
public sealed record DiagramGroup(string Id, string Label);

/// <summary>An arrow between two nodes or groups.</summary>
public sealed record DiagramEdge(string From, string To, string? Label = null, EdgeStyle Style = EdgeStyle.Solid);

/// <summary>
/// One diagram, in memory: the Mermaid text and the SVG are both rendered from it (<see cref="MermaidWriter"/>,
/// <see cref="SvgWriter"/>), so the two cannot disagree. Groups keep the order they were added in (the SVG's columns, left
/// to right); nodes keep theirs within a group.
/// </summary>
public sealed class DiagramGraph
{
    private readonly List<DiagramGroup> _groups = [];
    private readonly List<DiagramNode> _nodes = [];
    private readonly List<DiagramEdge> _edges = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public DiagramGraph(string title) => Title = title;

    public string Title { get; }

    public IReadOnlyList<DiagramGroup> Groups => _groups;

    public IReadOnlyList<DiagramNode> Nodes => _nodes;

    public IReadOnlyList<DiagramEdge> Edges => _edges;

    public DiagramGroup Group(string id, string label)
    {
        var existing = _groups.FirstOrDefault(g => g.Id == id);
        if (existing is not null)
        {
            return existing;
        }

        Claim(id);
        var group = new DiagramGroup(id, label);
        _groups.Add(group);
        return group;
    }

    public DiagramNode Node(string id, string? group, params string[] lines)
    {
        var existing = _nodes.FirstOrDefault(n => n.Id == id);
        if (existing is not null)
        {
            return existing;
        }

        if (group is not null && _groups.All(g => g.Id != group))
        {
            throw new InvalidOperationException($"Node '{id}' names the unknown group '{group}'.");
        }

        Claim(id);
        var node = new DiagramNode(id, lines, group);
        _nodes.Add(node);
        return node;
    }

    public bool Has(string id) => _ids.Contains(id);

    public void Edge(string from, string to, string? label = null, EdgeStyle style = EdgeStyle.Solid)
    {
        if (!_ids.Contains(from) || !_ids.Contains(to))
        {
            throw new InvalidOperationException($"Edge {from} -> {to} names an unknown node or group.");
        }

        var edge = new DiagramEdge(from, to, label, style);
        if (!_edges.Contains(edge))
        {
            _edges.Add(edge);
        }
    }

    /// <summary>An id Mermaid and XML both accept, from any text: letters and digits kept, everything else '_'.</summary>
    public static string IdFor(string prefix, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        return prefix + "_" + new string(chars);
    }

    private void Claim(string id)
    {
        if (string.IsNullOrEmpty(id) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{id}' is not a diagram id (letters, digits and underscores only).", nameof(id));
        }

        if (!_ids.Add(id))
        {
            throw new InvalidOperationException($"The id '{id}' is used twice.");
        }
    }
}
