using System.CommandLine;

namespace EdTech.Cli.Commands.Evaluate;

/// <summary>
/// `edtech evaluate simulation --seed N` prints one seed's report; `--seeds 1..20` prints how many seeds covered the true
/// effect per scenario and metric, then every seed's report, as one JSON object. `--quick` uses small sizes (smoke runs, tests).
/// </summary>
public static class SimulationCommand
{
    public static Command Create(TextWriter output)
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the known course and its data", DefaultValueFactory = _ => 1 };
        var seeds = new Option<string?>("--seeds") { Description = "A range of seeds, e.g. 1..20: prints the coverage count" };
        var quick = new Option<bool>("--quick") { Description = "Small sizes (300 students calibrated, 5 bootstrap draws)" };
        var command = new Command("simulation", "Curriculum-change simulation: does the 95% interval on a calibrated course cover the true effect?")
        {
            seed, seeds, quick,
        };
        seeds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } range && Range(range) is null)
            {
                result.AddError("--seeds must look like 1..20 (from ≤ to, both positive).");
            }
        });
        command.SetAction(parse =>
        {
            var size = parse.GetValue(quick) ? SimulationEvaluationSize.Small : SimulationEvaluationSize.Full;
            output.WriteLine(parse.GetValue(seeds) is { } range
                ? EvaluateCommand.ToJson(Coverage(Range(range)!.Value, size))
                : EvaluateCommand.ToJson(SimulationEvaluation.Run(parse.GetValue(seed), size)));
            return 0;
        });
        return command;
    }

    public static SimulationCoverageReport Coverage((int From, int To) seeds, SimulationEvaluationSize size) =>
        SimulationCoverageReport.Of(seeds.From, seeds.To, Enumerable.Range(seeds.From, seeds.To - seeds.From + 1).Select(s => SimulationEvaluation.Run(s, size)).ToArray());

    public static (int From, int To)? Range(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split("..");
        return parts.Length == 2 && int.TryParse(parts[0], out var from) && int.TryParse(parts[1], out var to) && from >= 1 && from <= to
            ? (from, to)
            : null;
    }
}
