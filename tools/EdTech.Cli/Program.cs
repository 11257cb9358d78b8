using System.CommandLine;
using EdTech.Cli.Commands;

var root = new RootCommand("edtech: tokens, demo data and load tests for EdTech.Serverless")
{
    TokenCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
