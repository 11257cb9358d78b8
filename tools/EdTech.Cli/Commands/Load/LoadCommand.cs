using System.CommandLine;
using EdTech.Cli.Commands.Load.Neighbours;
using EdTech.Cli.Commands.Load.Recommendations;
using EdTech.Cli.Commands.Load.Regrade;
using EdTech.Cli.Commands.Load.Release;
using EdTech.Cli.Commands.Load.Sustained;

namespace EdTech.Cli.Commands.Load;

/// <summary>`edtech load exam|neighbours|sustained|regrade|release|recommendations ...`: benchmarks against a running host.</summary>
public static class LoadCommand
{
    public static Command Create() => new("load", "Load tests against a running LocalHost (or any deployment accepting local tokens)")
    {
        CreateExam(),
        NeighboursCommand.Create(),
        SustainedCommand.Create(),
        RegradeCommand.Create(),
        ReleaseCommand.Create(),
        RecommendationsCommand.Create(),
        Peak.PeakCommand.Create(),
    };

    public static Option<Uri> UrlOption() => new("--url")
    {
        Description = "Base URL of the API, e.g. http://127.0.0.1:7199",
        Required = true,
        CustomParser = r =>
        {
            if (Uri.TryCreate(r.Tokens[^1].Value, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https")
            {
                return parsed;
            }

            r.AddError("--url must be an absolute http(s) URL.");
            return null;
        },
    };

    public static Option<string> DataOption() =>
        new("--data") { Description = "The LocalHost's data folder (holds the signing key)", DefaultValueFactory = _ => ".edtech" };

    public static void AtLeastOne(params Option<int>[] options)
    {
        foreach (var option in options)
        {
            option.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() < 1)
                {
                    r.AddError($"{option.Name} must be at least 1.");
                }
            });
        }
    }

    private static Command CreateExam()
    {
        var url = UrlOption();
        var data = DataOption();
        var students = new Option<int>("--students") { Description = "Students; each submits once", DefaultValueFactory = _ => 1000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight during the timed phases", DefaultValueFactory = _ => 64 };
        var tenant = new Option<string?>("--tenant") { Description = "Tenant id to create (default load-<6 hex>)" };
        var timeout = new Option<int>("--timeout-seconds") { Description = "How long to wait for every submission to be released", DefaultValueFactory = _ => 120 };
        AtLeastOne(students, concurrency, timeout);

        var command = new Command("exam", "Set up a tenant with N students and one exam, submit once per student at C in flight, wait for release, compare with GET /api/health")
        {
            url, data, students, concurrency, tenant, timeout,
        };
        command.SetAction((parse, cancellationToken) => new ExamBenchmark(Console.Out).RunAsync(
            new ExamBenchmarkOptions(
                parse.GetValue(url)!,
                Path.GetFullPath(parse.GetValue(data)!),
                parse.GetValue(students),
                parse.GetValue(concurrency),
                parse.GetValue(tenant),
                TimeSpan.FromSeconds(parse.GetValue(timeout))),
            cancellationToken));
        return command;
    }
}
