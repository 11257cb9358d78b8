using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EdTech.Functions.Tests.Bicep;

/// <summary>
/// The Bicep CLI that <c>.ci/bicep</c> uses (NuGet package Azure.Bicep.CommandLine.linux-x64, version from
/// .ci/tools/bicep.proj). When it is not in the NuGet package folder yet the test restores that project itself;
/// if that fails the error names the command to run.
/// </summary>
internal static partial class BicepCli
{
    private static readonly Lazy<JsonObject> MainTemplate = new(() => Build(Path.Combine(RepoPaths.Root(), "bicep", "main.bicep")));

    /// <summary>bicep/main.bicep compiled to ARM JSON (once per test run).</summary>
    public static JsonObject MainTemplateJson() => (JsonObject)MainTemplate.Value.DeepClone();

    public static JsonObject Build(string bicepFile)
    {
        var output = Run(Binary(), $"build \"{bicepFile}\" --stdout", TimeSpan.FromMinutes(2));
        return JsonNode.Parse(output)!.AsObject();
    }

    private static string Binary()
    {
        var root = RepoPaths.Root();
        var project = Path.Combine(root, ".ci", "tools", "bicep.proj");
        var version = BicepVersion().Match(File.ReadAllText(project)).Groups[1].Value;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var binary = Path.Combine(packages, "azure.bicep.commandline.linux-x64", version, "tools", "bicep");
        if (!File.Exists(binary))
        {
            const string restore = "dotnet restore .ci/tools/bicep.proj";
            try
            {
                Run("dotnet", $"restore \"{project}\" --nologo -v quiet", TimeSpan.FromMinutes(5));
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"The Bicep CLI {version} is not at {binary} and `{restore}` failed: {e.Message}", e);
            }

            if (!File.Exists(binary))
            {
                throw new InvalidOperationException($"The Bicep CLI {version} is not at {binary} even after `{restore}` (is NUGET_PACKAGES the folder restore uses?).");
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(binary, File.GetUnixFileMode(binary) | UnixFileMode.UserExecute);
        }

        return binary;
    }

    private static string Run(string file, string arguments, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root(),
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
