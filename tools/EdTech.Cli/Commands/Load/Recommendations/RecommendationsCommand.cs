using System.CommandLine;

namespace EdTech.Cli.Commands.Load.Recommendations;

/// <summary>`edtech load recommendations --url URL --data DIR [--students 200] [--requests 20000] [--concurrency 16] [--max-p99-ms 5]`.</summary>
public static class RecommendationsCommand
{
    public static Command Create()
    {
        var url = LoadCommand.UrlOption();
        var data = LoadCommand.DataOption();
        var students = new Option<int>("--students") { Description = "Students; each submits once, then their recommendations are read", DefaultValueFactory = _ => 200 };
        var requests = new Option<int>("--requests") { Description = "GET /api/student/recommendations requests to time", DefaultValueFactory = _ => 20_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight", DefaultValueFactory = _ => 16 };
        var maxP99 = new Option<double>("--max-p99-ms") { Description = "Fail (exit 1) when the read p99 is above this", DefaultValueFactory = _ => 5 };
        var timeout = new Option<int>("--timeout-seconds") { Description = "How long to wait for every student's recommendations", DefaultValueFactory = _ => 120 };
        LoadCommand.AtLeastOne(students, requests, concurrency, timeout);
        var command = new Command("recommendations", "Seed N students with released results, wait for their recommendations, then time cached reads of GET /api/student/recommendations")
        {
            url, data, students, requests, concurrency, maxP99, timeout,
        };
        command.SetAction((parse, cancellationToken) => new RecommendationsBenchmark(Console.Out).RunAsync(
            new RecommendationsOptions(parse.GetValue(url)!, Path.GetFullPath(parse.GetValue(data)!), parse.GetValue(students), parse.GetValue(requests),
                parse.GetValue(concurrency), parse.GetValue(maxP99), TimeSpan.FromSeconds(parse.GetValue(timeout))),
            cancellationToken));
        return command;
    }
}
