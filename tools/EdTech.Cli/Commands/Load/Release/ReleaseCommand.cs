using System.CommandLine;

namespace EdTech.Cli.Commands.Load.Release;

/// <summary>`edtech load release --url URL --data DIR [--tenant release-bench] [--submissions N]`.</summary>
public static class ReleaseCommand
{
    public static Command Create()
    {
        var url = LoadCommand.UrlOption();
        var data = LoadCommand.DataOption();
        var tenant = new Option<string>("--tenant") { Description = "Tenant written by `edtech seed release`", DefaultValueFactory = _ => "release-bench" };
        var submissions = new Option<int>("--submissions") { Description = "Expected graded, unreleased submissions (0: whatever is there)", DefaultValueFactory = _ => 0 };
        var timeout = new Option<int>("--timeout-seconds") { Description = "How long to wait for every submission to be released", DefaultValueFactory = _ => 300 };
        LoadCommand.AtLeastOne(timeout);
        var command = new Command("release", "Release now for an assessment seeded by `edtech seed release`; time until students see scores and until every submission is released, as JSON")
        {
            url, data, tenant, submissions, timeout,
        };
        command.SetAction((parse, ct) => new ReleaseBenchmark(Console.Out, Console.Error).RunAsync(
            new ReleaseBenchmarkOptions(parse.GetValue(url)!, Path.GetFullPath(parse.GetValue(data)!), parse.GetValue(tenant)!, parse.GetValue(submissions),
                TimeSpan.FromSeconds(parse.GetValue(timeout))),
            ct));
        return command;
    }
}
