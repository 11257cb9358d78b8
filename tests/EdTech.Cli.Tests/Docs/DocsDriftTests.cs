using EdTech.Cli.Commands.Docs;
using EdTech.Cli.Tests.Commands.Telemetry;

namespace EdTech.Cli.Tests.Docs;

/// <summary>The committed generated docs are what the code generates now; drift is named with the command that fixes it.</summary>
public sealed class DocsDriftTests
{
    [Fact]
    public void CommittedFiles_RegeneratedFromTheCode_AreUnchanged()
    {
        var drift = GeneratedDocs.Drift(Generated.Docs(), Repo.Root());

        Assert.True(drift.Count == 0, $"{string.Join(", ", drift)} differ from what the code generates: run `{DocsCommand.GenerateCommand}` and commit the result.");
    }

    [Fact]
    public void Generate_EveryFixedDiagram_IsWrittenWithItsSvg()
    {
        var paths = Generated.Docs().Select(d => d.RelativePath).ToHashSet();

        foreach (var slug in new[] { "service-map", "data-model", "azure-resources" })
        {
            Assert.Contains($"docs/architecture/diagrams/{slug}.md", paths);
            Assert.Contains($"docs/architecture/diagrams/{slug}.svg", paths);
        }
    }

    [Fact]
    public async Task Generate_RunTwice_GivesTheSameTextWithUnixLineEnds()
    {
        var again = await GeneratedDocs.GenerateAsync(DocGenerators.All, Repo.Root(), CancellationToken.None);

        Assert.Equal(Generated.Docs(), again);
        Assert.All(again, d => Assert.DoesNotContain('\r', d.Content));
    }

    [Fact]
    public async Task Drift_MissingAndEditedFiles_AreNamedUntilWritten()
    {
        var root = Directory.CreateTempSubdirectory("edtech-docs-").FullName;
        try
        {
            GeneratedDoc[] docs = [new("docs/a.md", "# A\n"), new("docs/sub/b.svg", "<svg/>\n")];
            Assert.Equal(["docs/a.md", "docs/sub/b.svg"], GeneratedDocs.Drift(docs, root));

            Assert.Equal(["docs/a.md", "docs/sub/b.svg"], await GeneratedDocs.WriteAsync(docs, root, CancellationToken.None));
            Assert.Empty(GeneratedDocs.Drift(docs, root));

            await File.WriteAllTextAsync(Path.Combine(root, "docs", "a.md"), "# A edited\n");
            Assert.Equal(["docs/a.md"], GeneratedDocs.Drift(docs, root));

            await File.WriteAllTextAsync(Path.Combine(root, "docs", "a.md"), "# A\r\n");
            Assert.Empty(GeneratedDocs.Drift(docs, root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task GenerateAsync_TwoGeneratorsWritingOneFile_Throws()
    {
        IDocGenerator[] generators = [new Fixed("docs/x.md"), new Fixed("docs/x.md")];

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GeneratedDocs.GenerateAsync(generators, ".", CancellationToken.None));
        Assert.Contains("docs/x.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocsGenerateCheck_OnTheRepository_ExitsZero()
    {
        var exit = await new System.CommandLine.RootCommand { DocsCommand.Create() }.Parse(["docs", "generate", "--check", "--repo", Repo.Root()]).InvokeAsync();

        Assert.Equal(0, exit);
    }

    private sealed class Fixed(string path) : IDocGenerator
    {
        public Task<IReadOnlyList<GeneratedDoc>> GenerateAsync(string repositoryRoot, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<GeneratedDoc>>([new GeneratedDoc(path, "x\n")]);
    }
}
