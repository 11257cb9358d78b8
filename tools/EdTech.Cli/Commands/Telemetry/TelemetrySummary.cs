using System.Text.Json;
using Microsoft.Extensions.AI;

namespace EdTech.Cli.Commands.Telemetry;

/// <summary>The written summary, or why there is none (<see cref="Text"/> null).</summary>
public sealed record ReportSummary(string? Text, string Note, int Attempts, IReadOnlyList<string> Rejected);

/// <summary>
/// <c>--summarize</c>: a short written summary of the report by the configured chat model, prompted with the report's JSON only and
/// checked by <see cref="SummaryGrounding"/>: a summary with a figure the report does not hold is rejected and asked again once,
/// naming the figures; rejected twice, or no model, or the model failing: no summary, and the note says why (docs/slo.md).
/// </summary>
public static class TelemetrySummary
{
    public const int MaxAttempts = 2;

    public const string Instructions =
        "You summarize a telemetry report of an exam-day submission pipeline for its operators, in at most five plain sentences (no lists, no headings). " +
        "Use only the figures of the JSON report the user sends: copy each number as it appears there (you may round it to fewer decimals, or write a fraction such as 0.035 as the percentage 3.5 %). " +
        "Write no other number: no totals, differences or ratios you computed yourself, no dates or times that are not in the report. " +
        "Say which SLOs are not met and their burn rate, which hop of submit -> released takes the most time, and any anomaly.";

    public static async Task<ReportSummary> SummarizeAsync(IChatClient? chat, TelemetryReport report, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (chat is null)
        {
            return new ReportSummary(null, "no summary: no chat model configured (set OpenAI__Endpoint and OpenAI__Deployment, docs/genai.md)", 0, []);
        }

        var json = JsonSerializer.Serialize(report with { Summary = null }, TelemetryCommand.Json);
        List<ChatMessage> messages = [new(ChatRole.System, Instructions), new(ChatRole.User, json)];
        var rejected = new List<string>();
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            string text;
            try
            {
                var response = await chat.GetResponseAsync(messages, new ChatOptions { Temperature = 0 }, ct).ConfigureAwait(false);
                text = response.Text.Trim();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new ReportSummary(null, $"no summary: the chat model failed ({e.GetType().Name}: {e.Message})", attempt, rejected);
            }

            var violations = SummaryGrounding.Violations(text, report);
            if (violations.Count == 0 && text.Length > 0)
            {
                return new ReportSummary(text, attempt == 1 ? "grounded: every figure is in the report" : $"grounded on attempt {attempt}: every figure is in the report", attempt, rejected);
            }

            var why = text.Length == 0 ? "an empty answer" : "figures not in the report: " + string.Join(", ", violations);
            rejected.Add(why);
            messages.Add(new ChatMessage(ChatRole.Assistant, text));
            messages.Add(new ChatMessage(ChatRole.User, $"Rejected: {why}. Rewrite the summary using only figures that appear in the JSON report."));
        }

        return new ReportSummary(null, $"no summary: rejected {MaxAttempts} times ({string.Join("; ", rejected)})", MaxAttempts, rejected);
    }
}
