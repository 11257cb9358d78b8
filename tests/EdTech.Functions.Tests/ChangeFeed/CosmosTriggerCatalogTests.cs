using System.Text.RegularExpressions;
using EdTech.Application.ChangeFeed;
using Microsoft.CodeAnalysis;

namespace EdTech.Functions.Tests.ChangeFeed;

/// <summary>
/// The Cosmos DB trigger file against <see cref="ChangeFeedCatalog"/>, here, although the file compiles only with the Cosmos
/// worker extension: parsed and compiled with Roslyn (<see cref="CosmosTriggerFile"/>).
/// </summary>
public sealed partial class CosmosTriggerCatalogTests
{
    [Fact]
    public void TriggerFile_WithCosmosTriggersDefined_CompilesWithoutErrors()
    {
        var errors = CosmosTriggerFile.Compile(CosmosTriggerFile.ReadReal()).GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void TriggerFile_HasOneTriggerPerCatalogHandlerAndContainer_EachWithTheCatalogsLeasePrefix()
    {
        var triggers = CosmosTriggerFile.Parse(CosmosTriggerFile.ReadReal());

        Assert.Empty(TriggerCatalogCheck.Problems(triggers, ChangeFeedCatalog.All));
        Assert.Equal(ChangeFeedCatalog.All.Sum(c => c.Containers.Count), triggers.Count);
        Assert.Equal(triggers.Count, triggers.Select(t => t.LeasePrefix).Distinct().Count());
    }

    [Fact]
    public void TriggerFunctionNames_DoNotCollideWithTheOtherFunctions()
    {
        var triggers = CosmosTriggerFile.Parse(CosmosTriggerFile.ReadReal()).Select(t => t.Function);

        // In the Azure build the triggers are among FunctionMethod.All themselves; the others are what they must not collide with.
        var others = FunctionMethod.All.Where(f => f.TriggerBindingType != "cosmosDBTrigger").Select(f => f.Name);

        Assert.Empty(triggers.Intersect(others, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The check fails on the mistakes it exists for (each applied to a copy of the real file).</summary>
    [Theory]
    [InlineData("missing-trigger", "Catalog handler submission-insights has no trigger on 'submissions'")]
    [InlineData("unknown-handler", "dispatches to 'no-such-handler', which names no ChangeFeedCatalog handler")]
    [InlineData("shared-lease-prefix", "share lease prefix 'start-grading.submissions.'")]
    [InlineData("no-durable-client", "StartGradingOnSubmissions: start-grading starts durable work")]
    [InlineData("no-retry-policy", "Trigger NotificationDispatchOnNotifications needs [ExponentialBackoffRetry(-1, ...)]")]
    public void Check_OnABrokenTriggerFile_NamesTheMistake(string mistake, string expected)
    {
        var source = CosmosTriggerFile.ReadReal();
        var broken = mistake switch
        {
            "missing-trigger" => SubmissionInsightsTrigger().Replace(source, string.Empty, 1),
            "unknown-handler" => source.Replace("ChangeFeedCatalog.NotificationDispatch,", "\"no-such-handler\",", StringComparison.Ordinal),
            "shared-lease-prefix" => source.Replace("\"submission-insights.submissions.\"", "\"start-grading.submissions.\"", StringComparison.Ordinal),
            "no-durable-client" => source.Replace(
                "IReadOnlyList<JsonElement> changes, [DurableClient] DurableTaskClient client, CancellationToken ct)\n    {\n        using var bound = durable.Bind(client);\n        await dispatcher.DispatchAsync(ChangeFeedCatalog.StartGrading,",
                "IReadOnlyList<JsonElement> changes, CancellationToken ct)\n    {\n        await dispatcher.DispatchAsync(ChangeFeedCatalog.StartGrading,", StringComparison.Ordinal),
            "no-retry-policy" => NotificationRetry().Replace(source, "[Function(\"NotificationDispatchOnNotifications\")]\n", 1),
            _ => throw new ArgumentOutOfRangeException(nameof(mistake)),
        };
        Assert.NotEqual(source, broken);

        var problems = TriggerCatalogCheck.Problems(CosmosTriggerFile.Parse(broken), ChangeFeedCatalog.All);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\[Function\(""SubmissionInsightsOnSubmissions""\)\].*?(?=\n    \[Function\()", RegexOptions.Singleline)]
    private static partial Regex SubmissionInsightsTrigger();

    [GeneratedRegex(@"\[Function\(""NotificationDispatchOnNotifications""\)\]\n\s*\[ExponentialBackoffRetry\([^\]]*\)\]\n")]
    private static partial Regex NotificationRetry();
}
