using EdTech.Cli.Commands.Docs;
using EdTech.Cli.Commands.Docs.Narration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace EdTech.Cli.Tests.Docs.Narration;

/// <summary>`docs generate --narrate` with a scripted model: only grounded drafts are written, the prompt holds the diagram's labels only.</summary>
public sealed class DiagramNarratorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("edt-narrate-").FullName;

    private string DraftFile => Path.Combine(_root, "docs", "architecture", "diagrams", "drafts", "sample-map.summary.md");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task RunAsync_GroundedDraft_WrittenWithDraftHeader()
    {
        var chat = new ScriptedChatClient(SampleDiagram.GroundedDraft);
        using var output = new StringWriter();

        var exit = await NarrationStep.RunAsync([SampleDiagram.Doc], _root, chat, output, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Single(chat.Calls);
        var text = await File.ReadAllTextAsync(DraftFile);
        Assert.StartsWith("<!-- DRAFT for a human to edit", text, StringComparison.Ordinal);
        Assert.Contains("does not check drafts", text, StringComparison.Ordinal);
        Assert.Contains(SampleDiagram.GroundedDraft, text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
        Assert.Contains("wrote docs/architecture/diagrams/drafts/sample-map.summary.md", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DraftStillCitingAbsentNames_RetriedOnceWithViolationsAndNotWritten()
    {
        var chat = new ScriptedChatClient(SampleDiagram.UngroundedDraft, SampleDiagram.UngroundedDraft, SampleDiagram.GroundedDraft);
        using var output = new StringWriter();

        var exit = await NarrationStep.RunAsync([SampleDiagram.Doc], _root, chat, output, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Equal(2, chat.Calls.Count);
        var repair = chat.Calls.Last()[^1];
        Assert.Equal(ChatRole.User, repair.Role);
        Assert.Contains("`ReleaseScores`", repair.Text, StringComparison.Ordinal);
        Assert.Contains("`change-feed`", repair.Text, StringComparison.Ordinal);
        Assert.Contains("`StudentDashboard`", repair.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("`GradeSubmission`", repair.Text, StringComparison.Ordinal);
        Assert.False(File.Exists(DraftFile));
        Assert.Contains("narration failed for docs/architecture/diagrams/sample-map.md", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("ReleaseScores", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UngroundedThenGroundedDraft_SecondWritten()
    {
        var chat = new ScriptedChatClient(SampleDiagram.UngroundedDraft, SampleDiagram.GroundedDraft);
        using var output = new StringWriter();

        var exit = await NarrationStep.RunAsync([SampleDiagram.Doc], _root, chat, output, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Equal(2, chat.Calls.Count);
        var text = await File.ReadAllTextAsync(DraftFile);
        Assert.Contains(SampleDiagram.GroundedDraft, text, StringComparison.Ordinal);
        Assert.DoesNotContain("ReleaseScores", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NarrateAsync_Prompt_HoldsTheDiagramLabelsAndNothingElseFromTheRepository()
    {
        var chat = new ScriptedChatClient(SampleDiagram.GroundedDraft);

        await new DiagramNarrator(chat).NarrateAsync(SampleDiagram.Doc, CancellationToken.None);

        var messages = Assert.Single(chat.Calls);
        Assert.Equal([ChatRole.System, ChatRole.User], messages.Select(m => m.Role));
        Assert.Equal(DiagramNarrator.SystemPrompt, messages[0].Text);
        Assert.All(SampleDiagram.Labels, label => Assert.Contains(label, messages[1].Text, StringComparison.Ordinal));
        var sent = string.Join("\n", messages.Select(m => m.Text));
        Assert.All(SampleDiagram.NotLabels, other => Assert.DoesNotContain(other, sent, StringComparison.Ordinal));
        Assert.DoesNotContain(_root, sent, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleDiagram.Doc.RelativePath, sent, StringComparison.Ordinal);
        // Every line of the data message is a heading or built from labels only.
        var lines = messages[1].Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var residue = lines.Select(l => SampleDiagram.Labels.OrderByDescending(x => x.Length).Aggregate(l, (s, label) => s.Replace(label, string.Empty, StringComparison.Ordinal)));
        Assert.All(residue, r => Assert.Matches(@"^(Diagram contents \(data\):|Groups:|Nodes:|Edges:|- *(\(in \))?|-  ->( :)?)$", r.Trim()));
    }

    [Fact]
    public async Task RunAsync_NoModelConfigured_SkippedWithOneLineAndSuccess()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        using var output = new StringWriter();

        var exit = await NarrationStep.RunAsync([SampleDiagram.Doc], _root, configuration, output, CancellationToken.None);

        Assert.Equal(0, exit);
        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("narration skipped", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "docs")));
    }

    [Fact]
    public async Task RunAsync_ModelConfigured_UsesTheRepositorysChatClientWiring()
    {
        // An endpoint without a deployment: the same validation the hosts apply (OpenAiSettings), reported, exit 1.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["OpenAI:Endpoint"] = "https://cog.example/" }).Build();
        using var output = new StringWriter();

        var exit = await NarrationStep.RunAsync([SampleDiagram.Doc], _root, configuration, output, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("OpenAI:Deployment", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DocsWithoutMermaid_NotNarrated()
    {
        var chat = new ScriptedChatClient(SampleDiagram.GroundedDraft);
        GeneratedDoc[] docs = [new("docs/api/student.json", "{\"mermaid\": \"```mermaid\"}\n"), new("docs/architecture/diagrams/notes.md", "# Notes\n\nNo diagram here.\n")];
        using var output = new StringWriter();

        var exit = await NarrationStep.RunAsync(docs, _root, chat, output, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Empty(chat.Calls);
        Assert.False(Directory.Exists(Path.Combine(_root, "docs")));
    }
}
