using System.CommandLine;

namespace EdTech.Cli.Commands.Load.Peak;

/// <summary>`edtech load peak --url URL --data DIR [--students N] [--connections C] [--threads T] [--wrk-script F] [--ceiling-script F]`.</summary>
public static class PeakCommand
{
    public static Command Create()
    {
        var url = LoadCommand.UrlOption();
        var data = LoadCommand.DataOption();
        var students = new Option<int>("--students") { Description = "Students; each submits exactly once, in one burst", DefaultValueFactory = _ => 20_000 };
        var connections = new Option<int>("--connections") { Description = "wrk connections (-c)", DefaultValueFactory = _ => 64 };
        var threads = new Option<int>("--threads") { Description = "wrk threads (-t)", DefaultValueFactory = _ => 2 };
        var script = new Option<string>("--wrk-script") { Description = "The wrk script (tools/bench/peak.lua)", DefaultValueFactory = _ => Path.Combine("tools", "bench", "peak.lua") };
        var ceiling = new Option<string?>("--ceiling-script")
        {
            Description = "A reference ceiling script run after the check as `bash SCRIPT 5 C`, printing 'durable ack (group commit) N req/s' (default: $CEILING_SCRIPT)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CEILING_SCRIPT") is { Length: > 0 } s ? s : null,
        };
        var tenant = new Option<string?>("--tenant") { Description = "Tenant id to create (default peak-<6 hex>)" };
        var timeout = new Option<int>("--timeout-seconds") { Description = "Cap on the burst and, from its end, on the wait for release and visibility", DefaultValueFactory = _ => 300 };
        LoadCommand.AtLeastOne(students, connections, threads, timeout);

        var command = new Command("peak", "Exam peak: N students submit once each in one wrk burst; acknowledged/s and p99, time until all released and visible, end-to-end/s, work per submission from /metrics, ratio to a reference ceiling")
        {
            url, data, students, connections, threads, script, ceiling, tenant, timeout,
        };
        command.SetAction((parse, cancellationToken) => new PeakBenchmark(Console.Out).RunAsync(
            new PeakOptions(
                parse.GetValue(url)!,
                Path.GetFullPath(parse.GetValue(data)!),
                parse.GetValue(students),
                parse.GetValue(connections),
                parse.GetValue(threads),
                Path.GetFullPath(parse.GetValue(script)!),
                parse.GetValue(ceiling) is { } c ? Path.GetFullPath(c) : null,
                parse.GetValue(tenant),
                TimeSpan.FromSeconds(parse.GetValue(timeout))),
            cancellationToken));
        return command;
    }
}
