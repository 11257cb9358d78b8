using EdTech.Domain.Learning;
using EdTech.Domain.Learning.EloModel;

namespace EdTech.Domain.Content;

/// <summary>
/// An item's difficulty in logits as a prior (the suggested or text-estimated level 1..5) blended with the evidence of
/// its responses, by precision weighting (a normal prior times the normal approximation of the likelihood):
/// <list type="bullet">
/// <item>prior: level 3 = 0 logits, one level = <see cref="LogitsPerLevel"/>, standard error <see cref="PriorStandardError"/>
/// (the text estimate is often one level off, so one logit covers it);</item>
/// <item>evidence: precision n·a²·p(1−p), the Fisher information of a Rasch (a = 1, Elo) or 2PL difficulty from n responses
/// with proportion correct p, taken as (right + ½)/(n + 1) so an item everyone gets right is never infinitely precise;</item>
/// <item>blended = (prior·w₀ + evidence·wₑ)/(w₀ + wₑ); the prior's weight w₀/(w₀ + wₑ) falls as responses arrive;
/// standard error 1/√(w₀ + wₑ).</item>
/// </list>
/// <c>ResponsesNeeded</c> counts the further responses (at the current p and a) until that standard error is at most
/// <see cref="TargetStandardError"/>: it is 0 exactly when the standard error already is. Rationale: docs/content-intelligence.md.
/// </summary>
public static class LearnedDifficulty
{
    public const double LogitsPerLevel = 0.75;
    public const double PriorStandardError = 1.0;
    public const double TargetStandardError = 0.3;

    /// <summary>Beyond this the count is meaningless (an item nearly everyone gets right, or one that barely discriminates).</summary>
    public const int MaxResponsesNeeded = 1_000_000;

    /// <summary>The prior mean in logits of a 1..5 level (clamped): 1 → −1.5, 3 → 0, 5 → +1.5.</summary>
    public static double PriorLogits(int level) => (Math.Clamp(level, DifficultyEstimate.Min, DifficultyEstimate.Max) - 3) * LogitsPerLevel;

    /// <summary>Fisher information about the difficulty carried by one response: a²·p(1−p).</summary>
    public static double InformationPerResponse(double discrimination, double proportionCorrect) =>
        discrimination * discrimination * proportionCorrect * (1 - proportionCorrect);

    /// <summary>The proportion correct used for information: (right + ½)/(n + 1); ½ with no responses.</summary>
    public static double SmoothedProportion(int responses, int correct) => (Math.Clamp(correct, 0, Math.Max(responses, 0)) + 0.5) / (Math.Max(responses, 0) + 1);

    public static BlendedDifficulty Blend(int priorLevel, DifficultyEvidence? evidence)
    {
        var prior = PriorLogits(priorLevel);
        var priorPrecision = 1 / (PriorStandardError * PriorStandardError);
        var n = evidence?.Responses ?? 0;
        var perResponse = InformationPerResponse(evidence?.Discrimination ?? 1, evidence?.ProportionCorrect ?? 0.5);
        var evidencePrecision = n * perResponse;
        var precision = priorPrecision + evidencePrecision;
        var blended = n == 0 ? prior : ((priorPrecision * prior) + (evidencePrecision * evidence!.Difficulty)) / precision;
        return new BlendedDifficulty(
            prior,
            PriorStandardError,
            n == 0 ? null : evidence!.Difficulty,
            n == 0 ? null : 1 / Math.Sqrt(evidencePrecision),
            blended,
            StandardError(priorPrecision, perResponse, n),
            priorPrecision / precision,
            n,
            ResponsesNeeded(priorPrecision, perResponse, n));
    }

    private static double StandardError(double priorPrecision, double perResponse, double responses) => 1 / Math.Sqrt(priorPrecision + (responses * perResponse));

    private static bool Precise(double priorPrecision, double perResponse, double responses) =>
        StandardError(priorPrecision, perResponse, responses) <= TargetStandardError;

    /// <summary>The smallest total m with SE(m) ≤ target, less the responses seen (the same test as the reported SE, so 0 iff it holds).</summary>
    private static int ResponsesNeeded(double priorPrecision, double perResponse, int responses)
    {
        if (Precise(priorPrecision, perResponse, responses))
        {
            return 0;
        }

        if (perResponse <= 0)
        {
            return MaxResponsesNeeded;
        }

        var target = 1 / (TargetStandardError * TargetStandardError);
        var estimate = Math.Ceiling((target - priorPrecision) / perResponse);
        if (double.IsNaN(estimate) || estimate - responses >= MaxResponsesNeeded)
        {
            return MaxResponsesNeeded;
        }

        var total = Math.Max(responses + 1, (long)estimate);
        while (!Precise(priorPrecision, perResponse, total))
        {
            total++;
        }

        while (total - 1 > responses && Precise(priorPrecision, perResponse, total - 1))
        {
            total--;
        }

        return (int)(total - responses);
    }
}

/// <summary>What the responses say about an item's difficulty (logits).</summary>
/// <param name="Source"><see cref="IrtSource"/> (nightly 2PL calibration) or <see cref="EloSource"/> (online Elo).</param>
/// <param name="Discrimination">The 2PL a; 1 for Elo (the online Rasch model).</param>
/// <param name="ProportionCorrect">Smoothed: (right + ½)/(n + 1).</param>
public sealed record DifficultyEvidence(string Source, double Difficulty, int Responses, double Discrimination, double ProportionCorrect)
{
    public const string IrtSource = "irt";
    public const string EloSource = "elo";

    /// <summary>Below this discrimination the 2PL difficulty is barely determined (the calibration's low-discrimination flag), so Elo is used instead.</summary>
    public const double MinDiscrimination = 0.2;

    public static DifficultyEvidence Elo(double difficulty, int attempts, int correct) =>
        new(EloSource, difficulty, Math.Max(attempts, 0), 1, LearnedDifficulty.SmoothedProportion(attempts, correct));

    /// <param name="proportionCorrect">The smoothed proportion correct of the item's answers when known (its statistics: <see cref="LearnedDifficulty.SmoothedProportion"/>); else the proportion the model implies for abilities N(0, 1).</param>
    public static DifficultyEvidence Irt(double difficulty, double discrimination, int responses, double? proportionCorrect) =>
        new(IrtSource, difficulty, Math.Max(responses, 0), discrimination,
            proportionCorrect ?? Logistic.Sigmoid(-discrimination * difficulty / Math.Sqrt(1 + (Math.PI * discrimination * discrimination / 8))));

    /// <summary>The calibrated 2PL parameters when they exist with enough discrimination, else the Elo statistics, else none.</summary>
    public static DifficultyEvidence? Choose(DifficultyEvidence? irt, DifficultyEvidence? elo) =>
        irt is { Responses: > 0, Discrimination: >= MinDiscrimination } ? irt : elo is { Responses: > 0 } ? elo : null;
}

/// <param name="Prior">Logits.</param>
/// <param name="FromResponses">The evidence's difficulty (logits); null without responses.</param>
/// <param name="EvidenceStandardError">1/√(n·a²·p(1−p)); null without responses.</param>
/// <param name="PriorWeight">The prior's share of the blend, 1 without responses, falling towards 0.</param>
/// <param name="ResponsesNeeded">Further responses until <paramref name="StandardError"/> ≤ 0.3 logits; 0 once it is.</param>
public sealed record BlendedDifficulty(
    double Prior,
    double PriorStandardError,
    double? FromResponses,
    double? EvidenceStandardError,
    double Blended,
    double StandardError,
    double PriorWeight,
    int Responses,
    int ResponsesNeeded);
