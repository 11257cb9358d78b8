using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdTech.Application.Telemetry;
using EdTech.Cli.Commands.Docs.Diagrams.Azure;

namespace EdTech.Cli.Tests.Commands.Telemetry;

/// <summary>
/// bicep/main.bicep compiled to ARM JSON by the Bicep CLI <c>.ci/bicep</c> uses (restored into NUGET_PACKAGES by
/// <c>dotnet restore .ci/tools/bicep.proj</c>) deploys, through the <c>alerts</c> module, one scheduled query rule per
/// generated rule: a fast and a slow burn-rate alert per SLO with the catalog's factors, windows and queries.
/// </summary>
public partial class SloAlertsBicepTests
{
    [Fact]
    public void MainTemplate_AlertsModule_DeploysOneBurnRatePairPerSloWithTheCatalogThresholds()
    {
        var template = BicepBuild.CompileMain(Repo.Root());
        var module = Resources(template).Single(r => (string?)r["type"] == "Microsoft.Resources/deployments" && r["properties"]?["template"]?["resources"] is not null
            && Resources(r["properties"]!["template"]!.AsObject()).Any(n => (string?)n["type"] == "Microsoft.Insights/scheduledQueryRules" && n["copy"] is not null));
        var nested = module["properties"]!["template"]!.AsObject();
        var rule = Resources(nested).Single(n => (string?)n["type"] == "Microsoft.Insights/scheduledQueryRules");
        var variable = nested["variables"]!.AsObject().Single(v => v.Value is JsonObject o && o["rules"] is JsonArray);
        var rules = variable.Value!["rules"]!.AsArray().Select(r => r!.AsObject()).ToList();

        // The resource loops over the rules and reads each field from them.
        Assert.Equal("[length(variables('slo').rules)]", (string?)rule["copy"]!["count"]);
        var criteria = rule["properties"]!["criteria"]!["allOf"]![0]!;
        Assert.Equal("[variables('slo').rules[copyIndex()].burnRate]", (string?)criteria["threshold"]);
        Assert.Equal("[variables('slo').rules[copyIndex()].query]", (string?)criteria["query"]);
        Assert.Equal("[variables('slo').rules[copyIndex()].windowSize]", (string?)rule["properties"]!["windowSize"]);
        Assert.Equal("GreaterThan", (string?)criteria["operator"]);
        Assert.Equal("BurnRate", (string?)criteria["metricMeasureColumn"]);

        // One fast and one slow rule per SLO, with the catalog's factor, windows and query.
        Assert.Equal(SloCatalog.All.Count * SloCatalog.Windows.Count, rules.Count);
        foreach (var slo in SloCatalog.All)
        {
            foreach (var window in SloCatalog.Windows)
            {
                var compiled = Assert.Single(rules, r => (string?)r["slo"] == slo.Id && (string?)r["window"] == window.Name);
                var expected = SloAlertRules.For(slo, window);
                Assert.Equal(window.Factor, Number(compiled["burnRate"]!));
                Assert.Equal(expected.WindowSize, (string?)compiled["windowSize"]);
                Assert.Equal(expected.EvaluationFrequency, (string?)compiled["evaluationFrequency"]);
                Assert.Equal(expected.Query, (string?)compiled["query"]);
            }
        }
    }

    /// <summary>A number as ARM holds it: an integer literal, or a decimal as the expression <c>[json('14.4')]</c> Bicep emits.</summary>
    private static double Number(JsonNode node) => node.GetValueKind() == System.Text.Json.JsonValueKind.Number
        ? (double)node
        : double.Parse(ArmDecimal().Match((string)node!) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"not a number: {node}"), System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()),
        JsonObject map => map.Select(p => p.Value!.AsObject()),
        _ => [],
    };

    [GeneratedRegex(@"^\[json\('([0-9.]+)'\)\]$")]
    private static partial Regex ArmDecimal();
}
