using System.CommandLine;

namespace EdTech.Cli.Commands.Load.Regrade;

/// <summary>`edtech load regrade --url URL --data DIR --submissions N [--students S] [--concurrency C]`.</summary>
public static class RegradeCommand
{
    /// <summary>The API allows 30 submissions per student per minute; 20 leaves headroom.</summary>
    public const int SubmissionsPerStudent = 20;

    public static Command Create()
    {
        var url = LoadCommand.UrlOption();
        var data = LoadCommand.DataOption();
        var submissions = new Option<int>("--submissions") { Description = "Graded submissions to seed and regrade", DefaultValueFactory = _ => 10_000 };
        var students = new Option<int>("--students") { Description = $"Students submitting them (default: submissions / {SubmissionsPerStudent}, rounded up)", DefaultValueFactory = _ => 0 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight while seeding and polling", DefaultValueFactory = _ => 64 };
        var pollConcurrency = new Option<int>("--poll-concurrency")
        {
            Description = "Views read in flight while waiting for the regrade; keep it under the host's Pump:BusyInFlight (8), or polling itself slows the projection",
            DefaultValueFactory = _ => 4,
        };
        var tenant = new Option<string?>("--tenant") { Description = "Tenant id to create (default load-<6 hex>)" };
        var timeout = new Option<int>("--timeout-seconds") { Description = "How long to wait for grading, then for the regrade", DefaultValueFactory = _ => 300 };
        LoadCommand.AtLeastOne(submissions, concurrency, pollConcurrency, timeout);

        var command = new Command("regrade", "Seed N graded submissions, change the answer key, and time until every submission shows its new score (JSON)")
        {
            url, data, submissions, students, concurrency, pollConcurrency, tenant, timeout,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var n = parse.GetValue(submissions);
            var s = parse.GetValue(students);
            return new RegradeBenchmark(Console.Out).RunAsync(
                new RegradeBenchmarkOptions(
                    parse.GetValue(url)!,
                    Path.GetFullPath(parse.GetValue(data)!),
                    n,
                    s > 0 ? s : (n + SubmissionsPerStudent - 1) / SubmissionsPerStudent,
                    parse.GetValue(concurrency),
                    parse.GetValue(pollConcurrency),
                    parse.GetValue(tenant),
                    TimeSpan.FromSeconds(parse.GetValue(timeout))),
                cancellationToken);
        });
        return command;
    }
}
