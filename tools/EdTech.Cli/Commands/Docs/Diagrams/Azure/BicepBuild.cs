using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EdTech.Cli.Commands.Docs.Diagrams.Azure;

/// <summary>
/// bicep/main.bicep compiled to ARM JSON by the Bicep CLI that <c>.ci/bicep</c> uses: the NuGet package
/// Azure.Bicep.CommandLine.linux-x64 at the version of .ci/tools/bicep.proj, in the NuGet package folder (NUGET_PACKAGES or
/// ~/.nuget/packages); when it is missing, that project is restored once, and if that fails the error names the command to
/// run. The one lookup of the CLI: tests/EdTech.Functions.Tests compiles this file in (a linked file) for its Bicep tests.
/// </summary>
public static partial class BicepBuild
{
    public const string MainFile = "bicep/main.bicep";
    private const string RestoreCommand = "dotnet restore .ci/tools/bicep.proj";

    public static JsonObject CompileMain(string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(repositoryRoot);
        return Build(repositoryRoot, Path.Combine(repositoryRoot, MainFile));
    }

    /// <summary>A Bicep file of the repository compiled to ARM JSON.</summary>
    public static JsonObject Build(string repositoryRoot, string bicepFile)
    {
        ArgumentNullException.ThrowIfNull(repositoryRoot);
        var output = Run(Binary(repositoryRoot), $"build \"{bicepFile}\" --stdout", repositoryRoot, TimeSpan.FromMinutes(2));
        return JsonNode.Parse(output)?.AsObject() ?? throw new InvalidOperationException($"The Bicep CLI printed no template for {bicepFile}.");
    }

    private static string Binary(string root)
    {
        var project = Path.Combine(root, ".ci", "tools", "bicep.proj");
        var version = BicepVersion().Match(File.ReadAllText(project)).Groups[1].Value;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var binary = Path.Combine(packages, "azure.bicep.commandline.linux-x64", version, "tools", "bicep");
        if (!File.Exists(binary))
        {
            try
            {
                Run("dotnet", $"restore \"{project}\" --nologo -v quiet", root, TimeSpan.FromMinutes(5));
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"The Bicep CLI {version} is not at {binary} and `{RestoreCommand}` failed: {e.Message}", e);
            }

            if (!File.Exists(binary))
            {
                throw new InvalidOperationException($"The Bicep CLI {version} is not at {binary} even after `{RestoreCommand}` (is NUGET_PACKAGES the folder restore uses?).");
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(binary, File.GetUnixFileMode(binary) | UnixFileMode.UserExecute);
        }

        return binary;
    }

    private static string Run(string file, string arguments, string workingDirectory, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        }) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"`{file} {arguments}` did not finish within {timeout}.");
        }

        return process.ExitCode == 0
            ? stdout.Result
            : throw new InvalidOperationException($"`{file} {arguments}` exited {process.ExitCode}: {stderr.Result}");
    }

    [GeneratedRegex(@"<BicepVersion>([^<]+)</BicepVersion>")]
    private static partial Regex BicepVersion();
}
