using System.Globalization;
using System.Text;

namespace EdTech.Cli.Commands.Load.Peak;

/// <summary>A counter the benchmark divides by submissions: its label, its exporter name, and the label it is broken down by (if any).</summary>
public sealed record WorkCounter(string Label, string Metric, IReadOnlyList<string> GroupBy);

/// <summary>One counter's increase per submission; null Total when the host does not expose it ("n/a").</summary>
public sealed record CounterPerSubmission(string Label, string Metric, double? Total, IReadOnlyDictionary<string, double> By);

/// <summary>
/// The work per submission, counted by the product itself (names in docs/observability.md): after − before,
/// divided by the submissions of the run. A metric the host does not expose (yet) reads n/a, never 0.
/// </summary>
public static class WorkCounters
{
    private static readonly string[] Consumer = ["consumer", "handler"];

    public static readonly IReadOnlyList<WorkCounter> All =
    [
        new("store writes", "edtech_store_writes", ["container"]),
        new("change-feed handler batches", "edtech_changefeed_batches", Consumer),
        new("change-feed changes delivered", "edtech_changefeed_changes", Consumer),
        new("orchestration work items", "edtech_durable_orchestration_work_items", []),
        new("activity work items", "edtech_durable_activity_work_items", []),
        new("orchestrations started", "edtech_durable_orchestrations_started", []),
        new("durable timers", "edtech_durable_timers", []),
        new("durable events raised", "edtech_durable_events_raised", []),
        new("durable history events", "edtech_durable_history_events", []),
    ];

    public static IReadOnlyList<CounterPerSubmission> PerSubmission(MetricsSnapshot before, MetricsSnapshot after, int submissions)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(submissions);
        return All.Select(c =>
        {
            if (after.Total(c.Metric) is not { } end)
            {
                return new CounterPerSubmission(c.Label, c.Metric, null, new Dictionary<string, double>());
            }

            // A series first seen after the start (a consumer's first batch) started at zero.
            var total = (end - (before.Total(c.Metric) ?? 0)) / submissions;
            var startBy = before.By(c.Metric, c.GroupBy);
            var by = c.GroupBy.Count == 0
                ? new Dictionary<string, double>()
                : after.By(c.Metric, c.GroupBy).ToDictionary(g => g.Key, g => (g.Value - startBy.GetValueOrDefault(g.Key)) / submissions, StringComparer.Ordinal);
            return new CounterPerSubmission(c.Label, c.Metric, total, by);
        }).ToList();
    }

    /// <summary>"  store writes   13.02  (audit 2.00, submissions 2.00, ...)" per counter; groups that did not move are left out.</summary>
    public static void Print(TextWriter writer, IReadOnlyList<CounterPerSubmission> counters, int submissions)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(counters);
        writer.WriteLine($"per submission (from /metrics, after - before, / {submissions} submissions):");
        foreach (var c in counters)
        {
            var line = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"  {c.Label,-32} {Format(c.Total),8}"));
            if (c.Total is null)
            {
                line.Append(CultureInfo.InvariantCulture, $"  ({c.Metric} not exposed by this host)");
            }
            else if (c.By.Count > 0)
            {
                var moved = c.By.Where(g => Math.Abs(g.Value) >= 0.005).OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Value:F2}"));
                line.Append("  (").AppendJoin(", ", moved).Append(')');
            }

            writer.WriteLine(line.ToString());
        }
    }

    public static string Format(double? perSubmission) =>
        perSubmission is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "n/a";
}
