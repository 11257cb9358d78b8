using EdTech.Cli.Commands.Docs.Diagrams;
using EdTech.Cli.Commands.Docs.Diagrams.Azure;
using EdTech.Cli.Commands.Docs.OpenApi;

namespace EdTech.Cli.Commands.Docs;

/// <summary>Every generator <c>edtech docs generate</c> runs and the drift test checks: add a generator here, in one line.</summary>
public static class DocGenerators
{
    public static IReadOnlyList<IDocGenerator> All { get; } =
    [
        new ServiceMapGenerator(),
        new DataModelGenerator(),
        new AzureResourcesGenerator(),
        new OpenApiDocGenerator(),
    ];
}
