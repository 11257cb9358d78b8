using System.Diagnostics;
using System.Text.Json;

namespace EdTech.Functions.Tests;

/// <summary>
/// The artifact that ships is the Azure build: every publish (azd up / azd deploy, the workflows) references the Durable
/// Task Scheduler and Cosmos DB extensions and compiles the triggers; a plain build or test here is the mirror-limited build.
/// Checked by evaluating the project as MSBuild does for each command (no restore needed).
/// </summary>
public sealed class AzureBuildSwitchTests
{
    private static readonly string[] AzureExtensions =
    [
        "Microsoft.Azure.Functions.Worker.Extensions.DurableTask.AzureManaged",
        "Microsoft.Azure.Functions.Worker.Extensions.CosmosDB",
    ];

    [Fact]
    public void Publish_IsTheAzureBuild()
    {
        var project = Evaluate("-p:_IsPublishing=true");

        Assert.Equal("true", project.Property("EdTechAzureBuild"));
        Assert.Contains("COSMOS_TRIGGERS", project.Property("DefineConstants").Split(';'));
        Assert.Subset(project.PackageReferences().ToHashSet(), AzureExtensions.ToHashSet());
        Assert.Equal("false", project.Property("RestoreLockedMode"));
        Assert.EndsWith("/obj/azure-build/packages.lock.json", project.Property("NuGetLockFilePath"), StringComparison.Ordinal);
    }

    [Fact]
    public void PlainBuild_IsTheMirrorLimitedBuild_OnTheCommittedLockFile()
    {
        var project = Evaluate();

        Assert.Equal("false", project.Property("EdTechAzureBuild"));
        Assert.DoesNotContain("COSMOS_TRIGGERS", project.Property("DefineConstants").Split(';'));
        Assert.Empty(project.PackageReferences().Intersect(AzureExtensions));
        Assert.Equal("true", project.Property("RestorePackagesWithLockFile"));
        Assert.Equal(string.Empty, project.Property("NuGetLockFilePath"));
    }

    [Fact]
    public void Workflows_BuildCheckAndShipTheAzureBuild()
    {
        var deploy = File.ReadAllText(Path.Combine(RepoPaths.Root(), ".github", "workflows", "deploy.yml"));
        var ci = File.ReadAllText(Path.Combine(RepoPaths.Root(), ".github", "workflows", "ci.yml"));

        Assert.Contains("EdTechAzureBuild: \"true\"", deploy, StringComparison.Ordinal);
        Assert.Contains("bash .ci/check-azure-artifact", deploy, StringComparison.Ordinal);
        Assert.Contains("-p:EdTechAzureBuild=true", ci, StringComparison.Ordinal);
        Assert.Contains("bash .ci/check-azure-artifact", ci, StringComparison.Ordinal);
    }

    private sealed record Evaluated(JsonElement Root)
    {
        public string Property(string name) => Root.GetProperty("Properties").GetProperty(name).GetString() ?? string.Empty;

        public IReadOnlyList<string> PackageReferences() =>
            Root.GetProperty("Items").GetProperty("PackageReference").EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!).ToList();
    }

    private static Evaluated Evaluate(params string[] properties)
    {
        var project = Path.Combine(RepoPaths.Root(), "functions", "EdTech.Functions", "EdTech.Functions.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["msbuild", project, .. properties, "-getProperty:EdTechAzureBuild", "-getProperty:DefineConstants",
            "-getProperty:RestorePackagesWithLockFile", "-getProperty:RestoreLockedMode", "-getProperty:NuGetLockFilePath", "-getItem:PackageReference"])
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's own MSBuild settings must not leak into the evaluation.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("EdTechAzureBuild");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "dotnet msbuild did not finish");
        Assert.True(process.ExitCode == 0, $"dotnet msbuild failed: {output.Result}{error.Result}");
        return new Evaluated(JsonDocument.Parse(output.Result).RootElement.Clone());
    }
}
