using System.Globalization;
using System.Xml;

namespace EdTech.Application.Telemetry;

/// <summary>One generated Azure Monitor log alert (a scheduledQueryRules resource of bicep/modules/alerts.bicep).</summary>
public sealed record SloAlertRule(
    string Name,
    string Slo,
    string Window,
    string DisplayName,
    string Description,
    int Severity,
    string EvaluationFrequency,
    string WindowSize,
    double BurnRate,
    string Query);

/// <summary>
/// The burn-rate alerts of <see cref="SloCatalog"/>, as KQL over the Application Insights tables the Azure Monitor OpenTelemetry
/// exporter writes (server and consumer spans land in <c>requests</c>; name = span name, <c>resultCode</c> = HTTP status,
/// attributes in <c>customDimensions</c>, one trace = one <c>operation_Id</c>). Each query returns one row with
/// <c>BurnRate</c> = the smaller of the long and the short window's burn rate, so the rule fires only when both burn faster
/// than the factor (the multi-window rule), and <c>LongBurn</c>/<c>ShortBurn</c>/<c>Total</c> for the alert's details.
/// </summary>
public static class SloAlertRules
{
    public static IReadOnlyList<SloAlertRule> All { get; } =
        [.. SloCatalog.All.SelectMany(slo => SloCatalog.Windows.Select(window => For(slo, window)))];

    public static SloAlertRule For(ServiceLevelObjective slo, BurnRateWindow window)
    {
        ArgumentNullException.ThrowIfNull(slo);
        ArgumentNullException.ThrowIfNull(window);
        var budget = Percent(window.BudgetSpent(slo.WindowDays));
        return new SloAlertRule(
            $"slo-{slo.Id}-{window.Name}",
            slo.Id,
            window.Name,
            $"SLO {slo.Title}: {window.Name} burn (over {Number(window.Factor)}× in {Span(window.LongWindow)} and {Span(window.ShortWindow)})",
            $"{slo.Description} Objective {Percent(slo.Objective)} over {slo.WindowDays} days. Fires when the error budget burns at {Number(window.Factor)}× or faster " +
            $"over both {Span(window.LongWindow)} and {Span(window.ShortWindow)} ({budget} of the budget in {Span(window.LongWindow)}). docs/slo.md.",
            window.Severity,
            XmlConvert.ToString(window.EvaluationFrequency),
            XmlConvert.ToString(window.LongWindow),
            window.Factor,
            Query(slo, window));
    }

    /// <summary>The KQL of one alert: the SLI's events (a <c>timestamp</c> and a <c>Bad</c> flag each) over the long window, then the burn rates.</summary>
    public static string Query(ServiceLevelObjective slo, BurnRateWindow window)
    {
        ArgumentNullException.ThrowIfNull(slo);
        ArgumentNullException.ThrowIfNull(window);
        var longWindow = Kql(window.LongWindow);
        var shortWindow = Kql(window.ShortWindow);
        var budget = Number(slo.ErrorBudget);
        return Events(slo, longWindow) +
            $" | summarize Total = count(), LongBad = countif(Bad), ShortTotal = countif(timestamp > ago({shortWindow})), ShortBad = countif(Bad and timestamp > ago({shortWindow}))" +
            $" | extend LongBurn = iff(Total == 0, 0.0, todouble(LongBad) / Total / {budget}), ShortBurn = iff(ShortTotal == 0, 0.0, todouble(ShortBad) / ShortTotal / {budget})" +
            " | project BurnRate = min_of(LongBurn, ShortBurn), LongBurn, ShortBurn, Total";
    }

    private static string Events(ServiceLevelObjective slo, string window)
    {
        var spans = $"requests | where timestamp > ago({window}) | where {Where(slo.Selector)}";
        var threshold = slo.ThresholdMs ?? 0;
        return slo.Kind switch
        {
            SliKind.Availability => $"{spans} | extend Bad = toint(resultCode) >= 500",
            SliKind.Latency => $"{spans} | extend Bad = duration > {Number(threshold)}",
            SliKind.Freshness => $"{spans} | extend Bad = todouble(customDimensions[\"edtech.changefeed.lag_ms\"]) > {Number(threshold)}",
            SliKind.Journey => $"{spans} | summarize timestamp = min(timestamp) by operation_Id" +
                (slo.Selector.ExcludeTraces is { } marker
                    ? $" | join kind=leftanti (dependencies | where timestamp > ago({window}) | where name == {String(marker.Span)} and tostring(customDimensions[{String(marker.Tag)}]) == {String(marker.Value)} | distinct operation_Id) on operation_Id"
                    : string.Empty) +
                $" | join kind=leftouter (requests | where timestamp > ago({window}) | where name == {String(slo.Selector.EndSpan!)} | summarize Done = max(timestamp + duration * 1ms) by operation_Id) on operation_Id" +
                $" | where isnotnull(Done) or timestamp < ago({Number(threshold)}ms)" +
                $" | extend Bad = isnull(Done) or (Done - timestamp) / 1ms > {Number(threshold)}",
            _ => throw new ArgumentOutOfRangeException(nameof(slo), slo.Kind, "unknown SLI kind"),
        };
    }

    private static string Where(SliSelector selector)
    {
        if (selector.Name is not null)
        {
            return $"name == {String(selector.Name)}";
        }

        var excluded = string.Concat((selector.ExcludePrefixes ?? []).Select(p => $" and not(name startswith_cs {String(p)})"));
        return $"name startswith_cs {String(selector.NamePrefix!)}{excluded}";
    }

    private static string String(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Kql(TimeSpan span) => span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours)
        ? $"{span.TotalHours.ToString(CultureInfo.InvariantCulture)}h"
        : $"{span.TotalMinutes.ToString(CultureInfo.InvariantCulture)}m";

    /// <summary>A window as KQL and the docs write it: 1h, 5m.</summary>
    public static string Span(TimeSpan span) => Kql(span);

    public static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    public static string Percent(double share) => (share * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %";
}
