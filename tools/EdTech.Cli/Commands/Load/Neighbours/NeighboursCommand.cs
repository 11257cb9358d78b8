using System.CommandLine;

namespace EdTech.Cli.Commands.Load.Neighbours;

/// <summary>`edtech load neighbours --url URL --data DIR --concurrency C [--ratio 10] [--seconds S]`.</summary>
public static class NeighboursCommand
{
    public static Command Create()
    {
        var url = LoadCommand.UrlOption();
        var data = LoadCommand.DataOption();
        var concurrency = new Option<int>("--concurrency") { Description = "Quiet tenant's requests in flight at most (noisy: ratio x this)", DefaultValueFactory = _ => 8 };
        var ratio = new Option<double>("--ratio") { Description = "Noisy tenant's load as a multiple of the quiet tenant's", DefaultValueFactory = _ => 10 };
        var rate = new Option<double>("--rate") { Description = "Quiet tenant's requests per second", DefaultValueFactory = _ => 100 };
        var seconds = new Option<int>("--seconds") { Description = "Length of each measured phase", DefaultValueFactory = _ => 20 };
        var students = new Option<int>("--students") { Description = "Students per tenant (their tokens take turns)", DefaultValueFactory = _ => 20 };
        var maxIncrease = new Option<double>("--max-increase") { Description = "Fail when the quiet tenant's p99 rises by more than this many percent", DefaultValueFactory = _ => 10 };
        LoadCommand.AtLeastOne(concurrency, seconds, students);
        foreach (var positive in new[] { ratio, rate })
        {
            positive.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<double>() <= 0)
                {
                    r.AddError($"{positive.Name} must be positive.");
                }
            });
        }

        var command = new Command("neighbours", "Quiet tenant's read p99 alone, then beside a noisy tenant at ratio x its load; fails above --max-increase %")
        {
            url, data, concurrency, ratio, rate, seconds, students, maxIncrease,
        };
        command.SetAction((parse, cancellationToken) => new NeighboursBenchmark(Console.Out).RunAsync(
            new NeighboursOptions(
                parse.GetValue(url)!,
                Path.GetFullPath(parse.GetValue(data)!),
                parse.GetValue(concurrency),
                parse.GetValue(ratio),
                parse.GetValue(rate),
                TimeSpan.FromSeconds(parse.GetValue(seconds)),
                parse.GetValue(students),
                parse.GetValue(maxIncrease)),
            cancellationToken));
        return command;
    }
}
