namespace EdTech.Domain.Analytics;

/// <summary>
/// What is known about one item for the "fix this first" list: its item analysis over each student's latest graded attempt
/// (<see cref="ItemAnalysisResult"/>), how many of those attempts left it unanswered, students' ratings, and, when both are
/// known, its intended difficulty (1–5: the level of an author-accepted tagging suggestion made from the item's current
/// content) and its calibrated 2PL difficulty (logits).
/// </summary>
public sealed record ImprovementEvidence(
    string AssessmentId,
    string ItemId,
    ItemAnalysisResult Analysis,
    int Skipped,
    int Helpful,
    int NotHelpful,
    int? IntendedDifficulty = null,
    double? CalibratedDifficulty = null);

/// <summary>One reason an item is on the list: its kind, the (shrunk) figure that triggered it, and a sentence with the raw figures.</summary>
public sealed record ImprovementReason(string Kind, double Value, string Detail);

/// <summary>
/// One ranked entry: score (higher first), the students it reaches, and why. An assessment item has its assessment and item
/// ids; a module's content item (a <c>drop-off</c>) has <see cref="ModuleId"/> and <see cref="ObjectId"/> (the module item's
/// id), its item id empty and its assessment id the linked assessment's, or empty.
/// </summary>
public sealed record Improvement(string AssessmentId, string ItemId, double Score, int Responses, IReadOnlyList<ImprovementReason> Reasons)
{
    public string? ModuleId { get; init; }

    public string? ObjectId { get; init; }
}
