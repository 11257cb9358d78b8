using System.CommandLine;
using EdTech.Cli.Commands;
using EdTech.Cli.Commands.Load;
using EdTech.Cli.Commands.Seed;

var root = new RootCommand("edtech: tokens, demo data and load tests for EdTech.Serverless")
{
    TokenCommand.Create(),
    LoadCommand.Create(),
    SeedCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
