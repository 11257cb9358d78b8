using System.Globalization;
using EdTech.Domain.Content;

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
/// <item><c>difficulty-mismatch</c> (w 1): the calibrated 2PL difficulty b, shrunk toward the intended one (n0 10), is more
/// than 1 logit from it. The intended level 1–5 (an author-accepted tagging suggestion) maps to logits by
/// <see cref="LearnedDifficulty.PriorLogits"/> (3 = 0, <see cref="LearnedDifficulty.LogitsPerLevel"/> per level), the same
/// mapping as the learned difficulty's prior; Δ = shrunk b − intended = n·(b − intended)/(n + 10), s = min(1, (|Δ| − 1)/2);
/// from <see cref="MinimumResponses"/> responses.</item>
/// <item><c>negative-feedback</c> (w 2): share of "not helpful" ratings with a Beta(1, 4) prior (mean 0.2),
/// P = (notHelpful + 1)/(ratings + 5) &gt; 0.35, s = min(1, (P − 0.35)/0.35); from 3 ratings.</item>
/// <item><c>skipped</c> (w 1): share of latest attempts that left the item unanswered, prior 0.05 (n0 10), S &gt; 0.15,
/// s = min(1, (S − 0.15)/0.35).</item>
/// <item><c>drop-off</c> (w 1.5), for a module's content item (<see cref="ContentDropOffEvidence"/>, not an assessment item): the
/// share of the students who reached it that dropped off the module there, prior 0.1 (n0 10), S &gt; 0.25,
/// s = min(1, (S − 0.25)/0.5); from <see cref="MinimumResponses"/> students reaching it.</item>
/// </list>
/// Statistics-based reasons need at least <see cref="MinimumResponses"/> responses. Score = Σ w·s × log2(1 + reach), reach
/// being the larger of the responses and the ratings (for a content item: the students who reached it). Entries without a
/// reason are left out; ties go by assessment id, item id, then module and object id.
/// </summary>
public static class ImprovementRanking
{
    public const int MinimumResponses = 5;
    public const int MinimumRatings = 3;
    private const double PriorWeight = 10;

    public static IReadOnlyList<Improvement> Rank(IEnumerable<ImprovementEvidence> evidence, IEnumerable<ContentDropOffEvidence>? content = null)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return evidence.Select(Assess).Concat((content ?? []).Select(Assess)).OfType<Improvement>()
            .OrderByDescending(i => i.Score).ThenBy(i => i.AssessmentId, StringComparer.Ordinal).ThenBy(i => i.ItemId, StringComparer.Ordinal)
            .ThenBy(i => i.ModuleId, StringComparer.Ordinal).ThenBy(i => i.ObjectId, StringComparer.Ordinal)
            .ToList();
    }

    private static Improvement? Assess(ContentDropOffEvidence e)
    {
        if (e.Reached < MinimumResponses)
        {
            return null;
        }

        var s = Shrink((double)e.DroppedAt / e.Reached, e.Reached, 0.1);
        if (s <= 0.25)
        {
            return null;
        }

        var reason = new ImprovementReason("drop-off", s,
            Invariant($"{e.DroppedAt} of the {e.Reached} students who reached it dropped off the module there (shrunk {s:P0})"));
        var score = 1.5 * Math.Min(1, (s - 0.25) / 0.5) * Math.Log2(1 + e.Reached);
        return new Improvement(e.AssessmentId ?? string.Empty, string.Empty, score, e.Reached, [reason]) { ModuleId = e.ModuleId, ObjectId = e.ObjectId };
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
            Mismatch(e, n, reasons);
        }

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

    private static void Mismatch(ImprovementEvidence e, int n, List<(ImprovementReason, double)> reasons)
    {
        if (e.IntendedDifficulty is not { } intended || e.CalibratedDifficulty is not { } b)
        {
            return;
        }

        var prior = LearnedDifficulty.PriorLogits(intended);
        var delta = Shrink(b, n, prior) - prior;
        if (Math.Abs(delta) > 1)
        {
            reasons.Add((new ImprovementReason("difficulty-mismatch", delta,
                Invariant($"Intended difficulty {intended} of 5 (b = {prior:F2}) but {n} students' responses calibrate it at b = {b:F2} (shrunk {prior + delta:F2}); {(delta > 0 ? "harder" : "easier")} than intended")),
                Math.Min(1, (Math.Abs(delta) - 1) / 2)));
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
