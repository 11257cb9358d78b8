using System.CommandLine;
using System.Text.Json;
using EdTech.Cli.Commands.Load;

namespace EdTech.Cli.Commands.Seed;

/// <summary>`edtech seed release --data DIR --submissions N [--tenant T]`: direct writes into a stopped LocalHost's data folder.</summary>
public static class SeedCommand
{
    public static Command Create()
    {
        var data = LoadCommand.DataOption();
        var submissions = new Option<int>("--submissions") { Description = "Graded, unreleased submissions to write", DefaultValueFactory = _ => 100_000 };
        var tenant = new Option<string>("--tenant") { Description = "Tenant to create", DefaultValueFactory = _ => "release-bench" };
        LoadCommand.AtLeastOne(submissions);
        var release = new Command("release", "With the LocalHost STOPPED: write a tenant with N graded, unreleased submissions of one manual-release assessment (for `load release`)")
        {
            data, submissions, tenant,
        };
        release.SetAction(async (parse, ct) =>
        {
            var result = await ReleaseSeeder.RunAsync(new ReleaseSeedOptions(Path.GetFullPath(parse.GetValue(data)!), parse.GetValue(tenant)!, parse.GetValue(submissions)), ct);
            Console.Out.WriteLine(JsonSerializer.Serialize(result, LoadApi.Json));
            return 0;
        });
        return new Command("seed", "Benchmark data written straight into a LocalHost data folder (host stopped)") { release };
    }
}
