namespace EdTech.Functions.Tests;

/// <summary>The repository root, found from the test binaries by the solution file.</summary>
internal static class RepoPaths
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
}
