using EdTech.Domain.Content;

namespace EdTech.Application.Content.Difficulty;

/// <summary>
/// GET …/items/{assessmentId}/{itemId}/difficulty (API.md v2 "Content intelligence": <c>{prior, fromResponses?, blended,
/// responses, responsesNeeded}</c>, logits) plus what explains it: the prior's level (1..5), where it came from and its
/// standard error, the evidence used, the blend's standard error and the prior's weight in it.
/// </summary>
/// <param name="PriorSource"><see cref="AcceptedSuggestionPrior"/>, <see cref="SuggestionPrior"/> (pending) or <see cref="TextPrior"/>.</param>
/// <param name="FromResponses">Logits from the responses; absent (null) before the first one.</param>
/// <param name="ResponsesNeeded">Further responses until the blend's standard error is at most <see cref="TargetStandardError"/> logits (0 once it is).</param>
public sealed record ItemDifficultyView(
    string CourseId,
    string AssessmentId,
    string ItemId,
    double Prior,
    int PriorLevel,
    string PriorSource,
    double PriorStandardError,
    double? FromResponses,
    DifficultyEvidenceView? Evidence,
    double Blended,
    double StandardError,
    double PriorWeight,
    int Responses,
    int ResponsesNeeded,
    double TargetStandardError)
{
    public const string AcceptedSuggestionPrior = "accepted-suggestion";
    public const string SuggestionPrior = "suggestion";
    public const string TextPrior = "text-features";

    public static ItemDifficultyView Of(
        string courseId, string assessmentId, string itemId, int level, string source, BlendedDifficulty blend, DifficultyEvidence? evidence, DateTimeOffset? calibratedAt)
    {
        ArgumentNullException.ThrowIfNull(blend);
        return new(courseId, assessmentId, itemId, R(blend.Prior), level, source, R(blend.PriorStandardError), blend.FromResponses is { } f ? R(f) : null,
            evidence is null ? null : new DifficultyEvidenceView(evidence.Source, evidence.Responses, R(evidence.Discrimination), R(evidence.ProportionCorrect),
                R(blend.EvidenceStandardError!.Value), calibratedAt),
            R(blend.Blended), R(blend.StandardError), R(blend.PriorWeight), blend.Responses, blend.ResponsesNeeded, LearnedDifficulty.TargetStandardError);
    }

    private static double R(double value) => Math.Round(value, 4);
}

/// <param name="Source">"irt" (nightly 2PL calibration) or "elo" (online, updated per released answer).</param>
/// <param name="ProportionCorrect">Smoothed (right + ½)/(n + 1), or for a calibration without statistics the proportion the model implies.</param>
/// <param name="CalibratedAt">When the 2PL parameters were fitted (irt only).</param>
public sealed record DifficultyEvidenceView(string Source, int Responses, double Discrimination, double ProportionCorrect, double StandardError, DateTimeOffset? CalibratedAt);
