using System.Text.Json;
using EdTech.Cli.Commands.Docs;
using EdTech.Cli.Commands.Docs.OpenApi;
using EdTech.Cli.Tests.Commands.Telemetry;

namespace EdTech.Cli.Tests.Docs.OpenApi;

/// <summary>Generates the role documents once (the LocalHost hosted in-process) for every test of the class.</summary>
public sealed class GeneratedApiDocuments : IAsyncLifetime
{
    public IReadOnlyList<GeneratedDoc> Docs { get; private set; } = [];

    public async Task InitializeAsync() => Docs = await new OpenApiDocGenerator().GenerateAsync(Repo.Root(), CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// docs/api/*.json are what the real pipeline serves at GET /api/openapi/{role}.json: regenerated here and compared
/// with the committed files, so a route or schema change without regenerated documents fails, naming the command.
/// </summary>
public sealed class OpenApiDocGeneratorTests(GeneratedApiDocuments generated) : IClassFixture<GeneratedApiDocuments>
{
    private const string Command = "dotnet run --project tools/EdTech.Cli -- docs generate";

    [Fact]
    public void Generate_CommittedDocuments_MatchWhatThePipelineServes()
    {
        var root = Repo.Root();
        var differing = generated.Docs
            .Where(d => !File.Exists(Path.Combine(root, d.RelativePath)) || File.ReadAllText(Path.Combine(root, d.RelativePath)) != d.Content)
            .Select(d => d.RelativePath)
            .ToList();
        var stale = Directory.EnumerateFiles(Path.Combine(root, "docs", "api"), "*.json")
            .Select(f => $"{OpenApiDocGenerator.Folder}/{Path.GetFileName(f)}")
            .Except(generated.Docs.Select(d => d.RelativePath))
            .ToList();

        Assert.True(differing.Count == 0 && stale.Count == 0,
            $"The committed API documents differ from what GET /api/openapi/{{role}}.json serves: {string.Join(", ", differing.Concat(stale))}. Run `{Command}` and commit the result.");
    }

    [Fact]
    public void Generate_EveryRole_OneStableDocumentWithoutServers()
    {
        Assert.Equal(OpenApiDocGenerator.Roles.Select(r => $"docs/api/{r}.json"), generated.Docs.Select(d => d.RelativePath));
        foreach (var (doc, role) in generated.Docs.Zip(OpenApiDocGenerator.Roles))
        {
            using var json = JsonDocument.Parse(doc.Content);
            Assert.Equal($"EdTech {role} API", json.RootElement.GetProperty("info").GetProperty("title").GetString());
            Assert.StartsWith("3.0.", json.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
            Assert.False(json.RootElement.TryGetProperty("servers", out _), $"{role}: servers");
            Assert.DoesNotContain('\r', doc.Content);
            Assert.EndsWith("}\n", doc.Content, StringComparison.Ordinal);
            var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
            Assert.NotEmpty(paths);
            Assert.Equal(paths.Order(StringComparer.Ordinal), paths);
            Assert.All(paths, p => Assert.StartsWith($"/api/{role}/", p, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Generate_Twice_SameText()
    {
        var again = await new OpenApiDocGenerator().GenerateAsync(Repo.Root(), CancellationToken.None);

        Assert.Equal(generated.Docs, again);
    }

    [Fact]
    public void Normalize_ServersConfigured_RefusedNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            OpenApiDocGenerator.Normalize("student", """{"openapi":"3.0.4","servers":[{"url":"https://api.example"}],"paths":{}}"""));

        Assert.Contains("Api:PublicBaseUrls", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_PathsAndComponents_SortedOrdinallyWithIndentedLfText()
    {
        var text = OpenApiDocGenerator.Normalize("student", """{"openapi":"3.0.4","paths":{"/b":{},"/a":{}},"components":{"schemas":{"Z":{"type":"string"},"A":{"type":"object","properties":{"y":{},"x":{}}}}}}""");

        Assert.Equal(
            "{\n  \"openapi\": \"3.0.4\",\n  \"paths\": {\n    \"/a\": {},\n    \"/b\": {}\n  },\n  \"components\": {\n    \"schemas\": {\n      \"A\": {\n        \"type\": \"object\",\n        \"properties\": {\n          \"y\": {},\n          \"x\": {}\n        }\n      },\n      \"Z\": {\n        \"type\": \"string\"\n      }\n    }\n  }\n}\n",
            text);
    }
}
