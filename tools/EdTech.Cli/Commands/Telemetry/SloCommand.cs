using System.CommandLine;

namespace EdTech.Cli.Commands.Telemetry;

/// <summary>`edtech slo generate [--repo DIR] [--check]`: writes the SLO alert rules and docs table from SloCatalog (docs/slo.md).</summary>
public static class SloCommand
{
    public static Command Create()
    {
        var repo = new Option<string>("--repo") { Description = "Repository root (holds bicep/ and docs/)", DefaultValueFactory = _ => "." };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when a committed file differs from the catalog" };
        var generate = new Command("generate", $"Write {SloArtifacts.AlertsFile} and the table of {SloArtifacts.DocsFile} from SloCatalog") { repo, check };
        generate.SetAction(parse =>
        {
            var root = Path.GetFullPath(parse.GetValue(repo)!);
            if (!File.Exists(Path.Combine(root, SloArtifacts.DocsFile)))
            {
                Console.Error.WriteLine($"--repo: {root} has no {SloArtifacts.DocsFile}; run from the repository root or pass --repo.");
                return 2;
            }

            if (parse.GetValue(check))
            {
                var drift = SloArtifacts.Drift(root);
                foreach (var file in drift)
                {
                    Console.Error.WriteLine($"{file} differs from SloCatalog; run `{SloArtifacts.Command}`.");
                }

                return drift.Count == 0 ? 0 : 1;
            }

            var changed = SloArtifacts.Write(root);
            Console.WriteLine(changed.Count == 0 ? "SLO files already up to date." : $"Wrote {string.Join(", ", changed)}.");
            return 0;
        });
        return new Command("slo", "Service-level objectives (docs/slo.md)") { generate };
    }
}
