using System.Text.Json.Nodes;
using EdTech.Cli.Commands.Docs.Diagrams.Azure;

namespace EdTech.Functions.Tests.Bicep;

/// <summary>
/// bicep/main.bicep compiled by the Bicep CLI that <c>.ci/bicep</c> uses, found (and restored when missing) by the CLI tool's
/// <see cref="BicepBuild"/>, compiled into this project as a linked file: one lookup of the CLI for the tool and the tests.
/// </summary>
internal static class BicepCli
{
    private static readonly Lazy<JsonObject> MainTemplate = new(() => BicepBuild.CompileMain(RepoPaths.Root()));

    /// <summary>bicep/main.bicep compiled to ARM JSON (once per test run).</summary>
    public static JsonObject MainTemplateJson() => (JsonObject)MainTemplate.Value.DeepClone();
}
