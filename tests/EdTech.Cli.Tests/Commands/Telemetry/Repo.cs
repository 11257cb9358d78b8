namespace EdTech.Cli.Tests.Commands.Telemetry;

/// <summary>The repository root, found from the test binaries by the solution file.</summary>
internal static class Repo
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdTech.Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EdTech.Serverless.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Fixture(string name) => Path.Combine(Root(), "tests", "EdTech.Cli.Tests", "Commands", "Telemetry", "fixtures", name);
}
