using EdTech.Cli.Commands.Docs;
using EdTech.Cli.Tests.Commands.Telemetry;

namespace EdTech.Cli.Tests.Docs;

/// <summary>Every generated doc, made once per test run from the repository (the Bicep compile is the slow part).</summary>
internal static class Generated
{
    private static readonly Lazy<IReadOnlyList<GeneratedDoc>> All =
        new(() => GeneratedDocs.GenerateAsync(DocGenerators.All, Repo.Root(), CancellationToken.None).GetAwaiter().GetResult());

    public static IReadOnlyList<GeneratedDoc> Docs() => All.Value;

    public static string Text(string relativePath) =>
        Docs().SingleOrDefault(d => d.RelativePath == relativePath)?.Content ?? throw new InvalidOperationException($"{relativePath} is not generated.");

    public static string Diagram(string slug, string extension = "md") => Text($"docs/architecture/diagrams/{slug}.{extension}");
}
