using System.CommandLine;
using EdTech.Cli.Commands;
using EdTech.Cli.Commands.Bench;
using EdTech.Cli.Commands.Docs;
using EdTech.Cli.Commands.Evaluate;
using EdTech.Cli.Commands.Load;
using EdTech.Cli.Commands.Seed;
using EdTech.Cli.Commands.Telemetry;

var root = new RootCommand("edtech: tokens, demo data, load tests and model evaluation for EdTech.Serverless")
{
    TokenCommand.Create(),
    LoadCommand.Create(),
    EvaluateCommand.Create(),
    SeedCommand.Create(),
    SloCommand.Create(),
    TelemetryCommand.Create(),
    BenchCommand.Create(),
    DocsCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
