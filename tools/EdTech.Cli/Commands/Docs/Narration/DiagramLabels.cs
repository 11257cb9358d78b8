using System.Net;
using System.Text.RegularExpressions;

namespace EdTech.Cli.Commands.Docs.Narration;

/// <summary>A node of a diagram: its id (syntax, never shown to the model) and the label a reader sees.</summary>
public sealed record DiagramNode(string Id, string Label, string? Group);

/// <summary>An edge between two nodes (by id) with its label, if any.</summary>
public sealed record DiagramEdge(string From, string To, string? Label);

/// <summary>
/// What a reader of a Mermaid diagram sees: node labels, edge labels and group (subgraph) titles. The narrator prompts
/// with these only and checks every name a draft cites against them. Styling, comments, ids and the prose around the
/// ```mermaid block are left out. Understands flowcharts (nodes of any shape, labelled links, subgraphs, <c>&amp;</c>
/// chains) and ER diagrams (entities, attributes, relationships); other lines contribute nothing.
/// </summary>
public sealed partial record DiagramLabels(IReadOnlyList<DiagramNode> Nodes, IReadOnlyList<DiagramEdge> Edges, IReadOnlyList<string> Groups)
{
    /// <summary>Every label text (node and edge labels, group titles), distinct, in order of appearance.</summary>
    public IReadOnlyList<string> All =>
        [.. Groups.Concat(Nodes.Select(n => n.Label)).Concat(Edges.Select(e => e.Label).OfType<string>()).Distinct(StringComparer.Ordinal)];

    public bool IsEmpty => Nodes.Count == 0 && Edges.Count == 0 && Groups.Count == 0;

    /// <summary>True when the markdown holds a ```mermaid block.</summary>
    public static bool HasMermaid(string markdown) => Blocks(markdown).Any();

    /// <summary>The labels of every ```mermaid block of a markdown document.</summary>
    public static DiagramLabels Parse(string markdown)
    {
        var parser = new Parser();
        foreach (var block in Blocks(markdown))
        {
            parser.Read(block);
        }

        return new DiagramLabels(parser.Nodes.Values.ToList(), parser.Edges, parser.Groups);
    }

    private static IEnumerable<IReadOnlyList<string>> Blocks(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        List<string>? block = null;
        foreach (var raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (block is null)
            {
                if (line.StartsWith("```mermaid", StringComparison.Ordinal))
                {
                    block = [];
                }
            }
            else if (line.StartsWith("```", StringComparison.Ordinal))
            {
                yield return block;
                block = null;
            }
            else
            {
                block.Add(line);
            }
        }
    }

    /// <summary>The text a reader sees: quotes, Mermaid entity codes (#quot;), HTML entities and line breaks resolved.</summary>
    internal static string Clean(string label)
    {
        var text = label.Trim();
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            text = text[1..^1];
        }

        text = BreakTag().Replace(text, " ");
        text = MermaidEntity().Replace(text, m => m.Groups[1].Value switch
        {
            "quot" => "\"",
            "lt" => "<",
            "gt" => ">",
            "amp" => "&",
            var code when int.TryParse(code, out var n) => char.ConvertFromUtf32(n),
            var other => "&" + other + ";",
        });
        text = WebUtility.HtmlDecode(HtmlTag().Replace(text, string.Empty));
        return Spaces().Replace(text, " ").Trim();
    }

    private sealed class Parser
    {
        private readonly Stack<string> _groups = new();
        private string? _entity;

        public Dictionary<string, DiagramNode> Nodes { get; } = new(StringComparer.Ordinal);

        public List<DiagramEdge> Edges { get; } = [];

        public List<string> Groups { get; } = [];

        public void Read(IReadOnlyList<string> lines)
        {
            foreach (var line in lines)
            {
                ReadLine(line);
            }
        }

        private void ReadLine(string line)
        {
            if (line.Length == 0 || line.StartsWith("%%", StringComparison.Ordinal))
            {
                return;
            }

            if (_entity is not null)
            {
                ReadAttribute(line);
                return;
            }

            var keyword = line.Split(' ', 2)[0];
            switch (keyword)
            {
                case "flowchart" or "graph" or "erDiagram" or "direction" or "classDef" or "class" or "style" or "linkStyle" or "click" or "accTitle" or "accDescr" or "title":
                    return;
                case "end":
                    _groups.TryPop(out _);
                    return;
                case "subgraph":
                    ReadSubgraph(line["subgraph".Length..].Trim());
                    return;
            }

            if (EntityStart().Match(line) is { Success: true } entity)
            {
                _entity = entity.Groups["id"].Value;
                Node(_entity, entity.Groups["alias"].Success ? entity.Groups["alias"].Value : _entity);
                return;
            }

            if (Relationship().Match(line) is { Success: true } relation)
            {
                var from = relation.Groups["a"].Value;
                var to = relation.Groups["b"].Value;
                Node(from, from);
                Node(to, to);
                Edges.Add(new DiagramEdge(from, to, NonEmpty(Clean(relation.Groups["label"].Value))));
                return;
            }

            ReadFlowchart(line);
        }

        private void ReadSubgraph(string rest)
        {
            var match = SubgraphTitle().Match(rest);
            var title = match.Success ? Clean(match.Groups["title"].Value) : Clean(rest);
            _groups.Push(title);
            if (title.Length > 0 && !Groups.Contains(title))
            {
                Groups.Add(title);
            }
        }

        private void ReadAttribute(string line)
        {
            if (line.StartsWith('}'))
            {
                _entity = null;
                return;
            }

            // type name [PK|FK|UK] ["comment"]: the name and the comment are what a reader sees.
            var match = Attribute().Match(line);
            if (match.Success)
            {
                var comment = match.Groups["comment"].Success ? " " + Clean(match.Groups["comment"].Value) : string.Empty;
                var label = $"{match.Groups["name"].Value} {match.Groups["type"].Value}{comment}".Trim();
                Node($"{_entity}.{match.Groups["name"].Value}", label);
            }
        }

        private void ReadFlowchart(string line)
        {
            // Shapes first (their labels may hold link-like text), replaced by their ids; then the links between ids.
            var bare = Shape().Replace(line, m =>
            {
                var id = m.Groups["id"].Value;
                Node(id, Clean(m.Groups["label"].Value));
                return " " + id + " ";
            });
            IReadOnlyList<string>? previous = null;
            string? pendingLabel = null;
            var start = 0;
            foreach (var link in Link().Matches(bare).Cast<Match?>().Append(null))
            {
                var end = link?.Index ?? bare.Length;
                var ids = bare[start..end].Split('&', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(p => p.Split(':', 2)[0].Trim())
                    .Where(p => NodeId().IsMatch(p))
                    .ToList();
                foreach (var id in ids)
                {
                    Node(id, id);
                }

                if (previous is not null)
                {
                    Edges.AddRange(from a in previous from b in ids select new DiagramEdge(a, b, pendingLabel));
                }

                if (link is null)
                {
                    break;
                }

                previous = ids;
                pendingLabel = LinkLabel(link);
                start = link.Index + link.Length;
            }
        }

        private static string? LinkLabel(Match link)
        {
            var text = link.Groups["pipe"].Success ? link.Groups["pipe"].Value : link.Groups["inline"].Success ? link.Groups["inline"].Value : string.Empty;
            return NonEmpty(Clean(text));
        }

        private void Node(string id, string label)
        {
            var group = _groups.Count > 0 ? _groups.Peek() : null;
            if (!Nodes.TryGetValue(id, out var existing))
            {
                Nodes[id] = new DiagramNode(id, label.Length > 0 ? label : id, group);
            }
            else if (label != id && existing.Label == existing.Id)
            {
                Nodes[id] = existing with { Label = label };
            }
        }

        private static string? NonEmpty(string text) => text.Length == 0 ? null : text;
    }

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BreakTag();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"#([a-z]+|[0-9]+);")]
    private static partial Regex MermaidEntity();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^[^\[]*\[(?<title>.*)\]\s*$")]
    private static partial Regex SubgraphTitle();

    [GeneratedRegex(@"^(?<id>[A-Za-z0-9_\-]+)(?:\s*\[\s*(?<alias>""[^""]*""|[^\]]*)\s*\])?\s*\{\s*$")]
    private static partial Regex EntityStart();

    [GeneratedRegex(@"^(?<a>[A-Za-z0-9_\-]+)\s+[|}o][|o]?(?:--|\.\.)[|o]?[|{o]\s+(?<b>[A-Za-z0-9_\-]+)\s*:\s*(?<label>.*)$")]
    private static partial Regex Relationship();

    [GeneratedRegex(@"^(?<type>[A-Za-z0-9_\-\[\]()<>,~]+)\s+(?<name>[A-Za-z0-9_\-\.]+)(?:\s+(?:PK|FK|UK)(?:\s*,\s*(?:PK|FK|UK))*)?(?:\s+(?<comment>""[^""]*""))?\s*$")]
    private static partial Regex Attribute();

    // id followed by a shape, its closer matching its opener: [[..]] [(..)] [/../] [\..\] ((..)) ([..]) {{..}} [..] (..) {..} >..];
    // labels may be "quoted" (then any character but a quote), else they run to the shape's own closer.
    [GeneratedRegex(@"(?<id>[A-Za-z0-9_](?:[A-Za-z0-9_\-\.]*[A-Za-z0-9_])?)(?:@\{[^}]*\})?\s*(?:\[\[(?<label>""[^""]*""|[^\]""]*)\]\]|\[\((?<label>""[^""]*""|[^)""]*)\)\]|\[/(?<label>""[^""]*""|[^/""]*)/\]|\[\\(?<label>""[^""]*""|[^\\""]*)\\\]|\(\((?<label>""[^""]*""|[^)""]*)\)\)|\(\[(?<label>""[^""]*""|[^\]""]*)\]\)|\{\{(?<label>""[^""]*""|[^}""]*)\}\}|\[(?<label>""[^""]*""|[^\]""]*)\]|\((?<label>""[^""]*""|[^)""]*)\)|\{(?<label>""[^""]*""|[^}""]*)\}|>(?<label>""[^""]*""|[^\]""]*)\])")]
    private static partial Regex Shape();

    // -->, ---, -.->, ==>, <-->, --o, --x, ~~~ with an optional |label| or an inline "-- label -->" text.
    [GeneratedRegex(@"\s*<?(?:--\s+(?<inline>[^-|>][^>]*?)\s+--+>|==\s+(?<inline>[^=|>][^>]*?)\s+==+>|-\.\s+(?<inline>[^.|>][^>]*?)\s+\.-+>|-{2,}[>ox]?|={2,}[>ox]?|-\.+-+[>ox]?|~{3,})(?:\|(?<pipe>[^|]*)\|)?\s*")]
    private static partial Regex Link();

    [GeneratedRegex(@"^[A-Za-z0-9_](?:[A-Za-z0-9_\-\.]*[A-Za-z0-9_])?$")]
    private static partial Regex NodeId();
}
