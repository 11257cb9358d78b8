using System.Xml.Linq;
using EdTech.Cli.Commands.Docs.Diagrams;

namespace EdTech.Cli.Tests.Docs;

/// <summary>Each SVG is well-formed XML showing every box of its Mermaid diagram; labels with markup characters are escaped in both.</summary>
public sealed class SvgAndMermaidTests
{
    [Theory]
    [InlineData("service-map")]
    [InlineData("data-model")]
    [InlineData("azure-resources")]
    public void Svg_OfEachDiagram_ParsesAndHasABoxPerMermaidNode(string slug)
    {
        var svg = XDocument.Parse(Generated.Diagram(slug, "svg"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var ids = svg.Descendants(ns + "g").Select(g => (string?)g.Attribute("id")).ToHashSet();
        var mermaidNodes = Generated.Diagram(slug).Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Contains("[\"", StringComparison.Ordinal) && !l.StartsWith("subgraph", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf('[', StringComparison.Ordinal)])
            .ToList();

        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.NotEmpty(mermaidNodes);
        Assert.All(mermaidNodes, id => Assert.Contains(id, ids));
    }

    [Fact]
    public void Writers_LabelsWithMarkupCharacters_AreEscaped()
    {
        var graph = new DiagramGraph("A <b> & \"c\"");
        graph.Group("g", "group | <x>");
        graph.Node("n1", "g", "say \"hi\" <script>", "a & b #1");
        graph.Node("n2", null, "plain");
        graph.Edge("n1", "n2", "x|y");

        var mermaid = MermaidWriter.Write(graph);
        var svg = XDocument.Parse(SvgWriter.Write(graph));

        Assert.Contains("n1[\"say #quot;hi#quot; #lt;script#gt;<br/>a #amp; b #35;1\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("subgraph g[\"group #124; #lt;x#gt;\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("n1 -->|\"x#124;y\"| n2", mermaid, StringComparison.Ordinal);
        Assert.Contains(svg.Descendants().Where(e => e.Name.LocalName == "text"), t => t.Value == "say \"hi\" <script>");
    }

    [Fact]
    public void Graph_AnEdgeToAnUnknownNode_Throws()
    {
        var graph = new DiagramGraph("t");
        graph.Node("a", null, "a");

        Assert.Throws<InvalidOperationException>(() => graph.Edge("a", "b"));
    }
}
