using System.CommandLine;

namespace EdTech.Cli.Commands.Load.Sustained;

/// <summary>`edtech load sustained --url URL --data DIR --rate R --seconds S [--concurrency C] [--sample-every K]`.</summary>
public static class SustainedCommand
{
    public static Command Create()
    {
        var url = LoadCommand.UrlOption();
        var data = LoadCommand.DataOption();
        var rate = new Option<int>("--rate") { Description = "Submissions per second, open loop (sent on schedule whatever the server does)", DefaultValueFactory = _ => 500 };
        var seconds = new Option<int>("--seconds") { Description = "How long to submit at that rate", DefaultValueFactory = _ => 60 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at most; a late send counts its latency from when it was due", DefaultValueFactory = _ => 256 };
        var sampleEvery = new Option<int>("--sample-every") { Description = "Track submit-to-released for every K-th submission (polling every 100 ms)", DefaultValueFactory = _ => 25 };
        var tenant = new Option<string?>("--tenant") { Description = "Tenant id to create (default load-<6 hex>)" };
        var timeout = new Option<int>("--timeout-seconds") { Description = "How long to wait after the last send for every submission to be released", DefaultValueFactory = _ => 180 };
        LoadCommand.AtLeastOne(rate, seconds, concurrency, sampleEvery, timeout);

        var command = new Command("sustained", "One student per submission: submit at R/s for S seconds, measure ack latency, submit-to-released on a sample, then check every submission was released with the right score")
        {
            url, data, rate, seconds, concurrency, sampleEvery, tenant, timeout,
        };
        command.SetAction((parse, cancellationToken) => new SustainedBenchmark(Console.Out).RunAsync(
            new SustainedOptions(
                parse.GetValue(url)!,
                Path.GetFullPath(parse.GetValue(data)!),
                parse.GetValue(rate),
                TimeSpan.FromSeconds(parse.GetValue(seconds)),
                parse.GetValue(concurrency),
                parse.GetValue(sampleEvery),
                parse.GetValue(tenant),
                TimeSpan.FromSeconds(parse.GetValue(timeout))),
            cancellationToken));
        return command;
    }
}
