using System.CommandLine;
using EdTech.Cli.Commands.Docs.Narration;
using Microsoft.Extensions.Configuration;

namespace EdTech.Cli.Commands.Docs;

/// <summary>
/// <c>edtech docs generate [--repo DIR] [--check] [--narrate]</c>: runs every <see cref="DocGenerators.All"/> generator (the diagrams of
/// docs/architecture/diagrams/ and any other generated documentation) and writes their files; with --check writes nothing and
/// exits 1 naming each committed file that differs (the drift test does the same).
/// </summary>
public static class DocsCommand
{
    public const string GenerateCommand = "dotnet run --project tools/EdTech.Cli -- docs generate";

    public static Command Create()
    {
        var repo = new Option<string>("--repo") { Description = "Repository root (holds docs/, bicep/ and the sources)", DefaultValueFactory = _ => "." };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when a committed file differs from what the code generates" };
        var narrate = new Option<bool>("--narrate") { Description = "Also draft a plain-language summary of each generated diagram with the configured chat model, for a human to edit" };
        var generate = new Command("generate", "Write the generated documentation (diagrams of docs/architecture/diagrams/ and the rest) from the code") { repo, check, narrate };
        generate.SetAction(async (parse, ct) =>
        {
            var root = Path.GetFullPath(parse.GetValue(repo)!);
            if (!File.Exists(Path.Combine(root, "EdTech.Serverless.sln")))
            {
                Console.Error.WriteLine($"--repo: {root} has no EdTech.Serverless.sln; run from the repository root or pass --repo.");
                return 2;
            }

            var docs = await GeneratedDocs.GenerateAsync(DocGenerators.All, root, ct);
            if (parse.GetValue(check))
            {
                var drift = GeneratedDocs.Drift(docs, root);
                foreach (var file in drift)
                {
                    Console.Error.WriteLine($"{file} differs from what the code generates; run `{GenerateCommand}`.");
                }

                return drift.Count == 0 ? 0 : 1;
            }

            var written = await GeneratedDocs.WriteAsync(docs, root, ct);
            Console.WriteLine(written.Count == 0 ? $"All {docs.Count} generated files already up to date." : $"Wrote {string.Join(", ", written)}.");
            if (parse.GetValue(narrate))
            {
                // Drafts a summary of each generated diagram with the chat model of the OpenAI__* environment variables, for a human
                // to edit (docs/architecture/diagrams/drafts/); without a model it says so and succeeds. The files above are written either way.
                var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
                return await NarrationStep.RunAsync(docs, root, configuration, Console.Out, ct);
            }

            return 0;
        });
        return new Command("docs", "Generated documentation: diagrams from the catalogs and the compiled Bicep") { generate };
    }
}
