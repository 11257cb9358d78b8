using EdTech.Application.Telemetry;
using EdTech.Cli.Commands.Telemetry;

namespace EdTech.Cli.Tests.Commands.Telemetry;

/// <summary>The committed SLO files are what SloCatalog generates, and the alert rules are one fast/slow pair per SLO.</summary>
public class SloGenerationTests
{
    [Fact]
    public void CommittedFiles_RegeneratedFromTheCatalog_AreUnchanged()
    {
        var drift = SloArtifacts.Drift(Repo.Root());

        Assert.True(drift.Count == 0, $"{string.Join(", ", drift)} differ from SloCatalog: run `{SloArtifacts.Command}` and commit the result.");
    }

    [Fact]
    public void Drift_EditedAlertThreshold_NamesTheFile()
    {
        var root = Directory.CreateTempSubdirectory("slo-drift-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "bicep", "modules"));
            Directory.CreateDirectory(Path.Combine(root, "docs"));
            File.WriteAllText(Path.Combine(root, SloArtifacts.DocsFile), $"# SLOs\n\n{SloArtifacts.Start}\n{SloArtifacts.End}\n");
            Assert.Equal([SloArtifacts.AlertsFile, SloArtifacts.DocsFile], SloArtifacts.Drift(root));

            SloArtifacts.Write(root);
            Assert.Empty(SloArtifacts.Drift(root));

            var alerts = Path.Combine(root, SloArtifacts.AlertsFile);
            File.WriteAllText(alerts, File.ReadAllText(alerts).Replace("\"burnRate\": 14.4", "\"burnRate\": 20", StringComparison.Ordinal));
            Assert.Equal([SloArtifacts.AlertsFile], SloArtifacts.Drift(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void AlertRules_EverySlo_HasOneFastAndOneSlowRuleWithItsBudget()
    {
        foreach (var slo in SloCatalog.All)
        {
            var rules = SloAlertRules.All.Where(r => r.Slo == slo.Id).ToList();
            Assert.Equal(["fast", "slow"], rules.Select(r => r.Window));
            Assert.Equal([14.4, 6.0], rules.Select(r => r.BurnRate));
            Assert.Equal(["PT1H", "PT6H"], rules.Select(r => r.WindowSize));
            Assert.All(rules, r => Assert.Contains($"/ {SloAlertRules.Number(slo.ErrorBudget)}", r.Query, StringComparison.Ordinal));
            if (slo.ThresholdMs is { } threshold)
            {
                Assert.All(rules, r => Assert.Contains($"> {SloAlertRules.Number(threshold)}", r.Query, StringComparison.Ordinal));
            }
        }
    }
}
