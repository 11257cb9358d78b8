using System.Globalization;

namespace EdTech.Domain.Analytics;

/// <summary>
/// "Fix this first": ranks items by how much is wrong with them and how many students they reach.
/// Each statistic is shrunk toward a prior before it is judged, so an item seen by a few students needs strong evidence:
/// <c>shrunk = (n·observed + n0·prior) ÷ (n + n0)</c>. Per reason a severity s in [0, 1] and a weight w:
/// <list type="bullet">
/// <item><c>negative-discrimination</c> (w 3): shrunk index D &lt; 0 (prior 30, n0 10), s = min(1, 0.5 + −D/60): strong
/// students get it wrong — a wrong key or an ambiguous stem.</item>
/// <item><c>low-discrimination</c> (w 1.5): 0 ≤ D &lt; 20 (Moodle's "weak" band starts at 20), s = (20 − D)/20.</item>
/// <item><c>too-hard</c> (w 1): shrunk facility F &lt; 0.2 (prior 0.6, n0 10), s = (0.2 − F)/0.2;
/// <c>too-easy</c> (w 0.5): F &gt; 0.95, s = (F − 0.95)/0.05.</item>
/// <item><c>difficulty-mismatch</c> (w 1): the calibrated 2PL difficulty b is more than 1 logit from the intended one
/// (tagged 1–5 mapped to b = intended − 3), s = min(1, (|Δ| − 1)/2).</item>
/// <item><c>negative-feedback</c> (w 2): share of "not helpful" ratings with a Beta(1, 4) prior (mean 0.2),
/// P = (notHelpful + 1)/(ratings + 5) &gt; 0.35, s = min(1, (P − 0.35)/0.35); from 3 ratings.</item>
/// <item><c>skipped</c> (w 1): share of latest attempts that left the item unanswered, prior 0.05 (n0 10), S &gt; 0.15,
/// s = min(1, (S − 0.15)/0.35).</item>
/// </list>
/// Statistics-based reasons need at least <see cref="MinimumResponses"/> responses. Score = Σ w·s × log2(1 + reach), reach
/// being the larger of the responses and the ratings. Items without a reason are left out; ties go by assessment and item id.
/// </summary>
public static class ImprovementRanking
{
    public const int MinimumResponses = 5;
    public const int MinimumRatings = 3;
    private const double PriorWeight = 10;

    public static IReadOnlyList<Improvement> Rank(IEnumerable<ImprovementEvidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return evidence.Select(Assess).OfType<Improvement>()
            .OrderByDescending(i => i.Score).ThenBy(i => i.AssessmentId, StringComparer.Ordinal).ThenBy(i => i.ItemId, StringComparer.Ordinal)
            .ToList();
    }

    private static Improvement? Assess(ImprovementEvidence e)
    {
        var reasons = new List<(ImprovementReason Reason, double Weighted)>();
        var a = e.Analysis;
        var n = a.Responses;
        if (n >= MinimumResponses)
        {
            Discrimination(a, n, reasons);
            Facility(a, n, reasons);
            Skipping(e.Skipped, n, reasons);
        }

        Mismatch(e, reasons);
        Feedback(e.Helpful, e.NotHelpful, reasons);
        if (reasons.Count == 0)
        {
            return null;
        }

        var reach = Math.Max(n, e.Helpful + e.NotHelpful);
        var score = reasons.Sum(r => r.Weighted) * Math.Log2(1 + reach);
        return new Improvement(e.AssessmentId, e.ItemId, score, n, [.. reasons.OrderByDescending(r => r.Weighted).Select(r => r.Reason)]);
    }

    private static double Shrink(double observed, int n, double prior) => ((n * observed) + (PriorWeight * prior)) / (n + PriorWeight);

    private static void Discrimination(ItemAnalysisResult a, int n, List<(ImprovementReason, double)> reasons)
    {
        if (a.DiscriminationIndex is not { } index)
        {
            return;
        }

        var d = Shrink(index, n, 30);
        var interval = a.DiscriminationIndexCi95 is { } ci ? Invariant($", 95% interval {ci.Low:F1} to {ci.High:F1}") : string.Empty;
        var detail = Invariant($"discrimination index {index:F1} over {n} students{interval} (shrunk {d:F1})");
        if (d < 0)
        {
            reasons.Add((new ImprovementReason("negative-discrimination", d, "Stronger students get it wrong more often than weaker ones: check the key and the wording; " + detail), 3 * Math.Min(1, 0.5 + (-d / 60))));
        }
        else if (d < 20)
        {
            reasons.Add((new ImprovementReason("low-discrimination", d, "It barely separates stronger from weaker students; " + detail), 1.5 * (20 - d) / 20));
        }
    }

    private static void Facility(ItemAnalysisResult a, int n, List<(ImprovementReason, double)> reasons)
    {
        if (a.Facility is not { } facility)
        {
            return;
        }

        var f = Shrink(facility, n, 0.6);
        var detail = Invariant($"facility {facility:P0} over {n} students (shrunk {f:P0})");
        if (f < 0.2)
        {
            reasons.Add((new ImprovementReason("too-hard", f, "Few students earn its points; " + detail), (0.2 - f) / 0.2));
        }
        else if (f > 0.95)
        {
            reasons.Add((new ImprovementReason("too-easy", f, "Nearly every student earns its points; " + detail), 0.5 * (f - 0.95) / 0.05));
        }
    }

    private static void Skipping(int skipped, int n, List<(ImprovementReason, double)> reasons)
    {
        var s = Shrink((double)skipped / n, n, 0.05);
        if (s > 0.15)
        {
            reasons.Add((new ImprovementReason("skipped", s, Invariant($"{skipped} of {n} students left it unanswered (shrunk {s:P0})")), Math.Min(1, (s - 0.15) / 0.35)));
        }
    }

    private static void Mismatch(ImprovementEvidence e, List<(ImprovementReason, double)> reasons)
    {
        if (e.IntendedDifficulty is not { } intended || e.CalibratedDifficulty is not { } b)
        {
            return;
        }

        var delta = b - (intended - 3);
        if (Math.Abs(delta) > 1)
        {
            reasons.Add((new ImprovementReason("difficulty-mismatch", delta,
                Invariant($"Tagged difficulty {intended} (b ≈ {intended - 3}) but responses calibrate it at b = {b:F2}")), Math.Min(1, (Math.Abs(delta) - 1) / 2)));
        }
    }

    private static void Feedback(int helpful, int notHelpful, List<(ImprovementReason, double)> reasons)
    {
        var ratings = helpful + notHelpful;
        if (ratings < MinimumRatings)
        {
            return;
        }

        var p = (notHelpful + 1.0) / (ratings + 5.0);
        if (p > 0.35)
        {
            reasons.Add((new ImprovementReason("negative-feedback", p, Invariant($"{notHelpful} of {ratings} students rated it not helpful (shrunk {p:P0})")), 2 * Math.Min(1, (p - 0.35) / 0.35)));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
