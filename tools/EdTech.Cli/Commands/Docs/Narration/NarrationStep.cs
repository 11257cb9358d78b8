using EdTech.Infrastructure.Ai;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Cli.Commands.Docs.Narration;

/// <summary>
/// <c>edtech docs generate --narrate</c>: after the diagrams are generated, drafts a summary of each Mermaid diagram
/// (<see cref="DiagramNarrator"/>) into <c>docs/architecture/diagrams/drafts/{name}.summary.md</c>, with the chat model
/// the hosts use (<c>OpenAI:*</c>, docs/genai.md). Without a model it says narration was skipped and succeeds: the
/// diagrams do not depend on it.
/// </summary>
public static class NarrationStep
{
    /// <summary>Where drafts go, relative to the repository root (not generated docs: the drift test does not check them).</summary>
    public const string DraftFolder = "docs/architecture/diagrams/drafts";

    /// <returns>The exit code: 0 when every diagram got a grounded draft or no model is configured; 1 when any was rejected.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<GeneratedDoc> docs, string repositoryRoot, IConfiguration configuration, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ServiceProvider services;
        try
        {
            services = new ServiceCollection().AddLogging().AddEdTechChatClient(configuration).BuildServiceProvider();
        }
        catch (InvalidOperationException ex)
        {
            await output.WriteLineAsync($"narration failed: {ex.Message}");
            return 1;
        }

        await using (services)
        {
            if (services.GetService<IChatClient>() is not { } chat)
            {
                await output.WriteLineAsync("narration skipped: no chat model configured (set OpenAI:Endpoint and OpenAI:Deployment; docs/genai.md)");
                return 0;
            }

            return await RunAsync(docs, repositoryRoot, chat, output, ct);
        }
    }

    /// <summary>Drafts with the given model (tests pass a scripted one).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<GeneratedDoc> docs, string repositoryRoot, IChatClient chat, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(docs);
        ArgumentNullException.ThrowIfNull(output);
        var narrator = new DiagramNarrator(chat);
        var failed = 0;
        foreach (var diagram in Diagrams(docs))
        {
            var result = await narrator.NarrateAsync(diagram, ct);
            if (result.Draft is { } draft)
            {
                var path = DraftPath(diagram);
                var file = Path.Combine(repositoryRoot, path);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await File.WriteAllTextAsync(file, Render(diagram, draft), ct);
                await output.WriteLineAsync($"narration: wrote {path}");
                continue;
            }

            failed++;
            var why = result.Violations.Count > 0
                ? $"after {result.Attempts} attempts the draft still cites names absent from the diagram: {string.Join(", ", result.Violations)}"
                : result.Error;
            await output.WriteLineAsync($"narration failed for {diagram.RelativePath}: {why}; no draft written");
        }

        return failed == 0 ? 0 : 1;
    }

    /// <summary>The generated markdown files that hold a ```mermaid block, in path order.</summary>
    public static IEnumerable<GeneratedDoc> Diagrams(IReadOnlyList<GeneratedDoc> docs) =>
        docs.Where(d => d.RelativePath.EndsWith(".md", StringComparison.Ordinal) && DiagramLabels.HasMermaid(d.Content))
            .OrderBy(d => d.RelativePath, StringComparer.Ordinal);

    public static string DraftPath(GeneratedDoc diagram)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        return $"{DraftFolder}/{Path.GetFileNameWithoutExtension(diagram.RelativePath)}.summary.md";
    }

    private static string Render(GeneratedDoc diagram, string draft) =>
        $"""
        <!-- DRAFT for a human to edit: written by a chat model (`dotnet run --project tools/EdTech.Cli -- docs generate --narrate`)
             from the labels of {diagram.RelativePath} only; every name it cites was checked against them. Not generated
             documentation: the drift test (`docs generate --check`) does not check drafts, and regenerating overwrites them. -->

        # {Path.GetFileNameWithoutExtension(diagram.RelativePath)}: summary (draft)

        {draft.Replace("\r\n", "\n", StringComparison.Ordinal)}

        """;
}
