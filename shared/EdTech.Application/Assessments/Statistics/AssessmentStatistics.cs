using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Domain.Analytics;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Assessments.Statistics;

/// <summary>
/// One item's figures. <see cref="Mean"/> and <see cref="Scored"/> are over every graded attempt (rounded mean, as before);
/// the rest are Moodle's quiz statistics over the latest graded attempt of each student (<see cref="ItemAnalysis"/>,
/// unrounded): <see cref="Responses"/> such attempts, <see cref="Facility"/> and <see cref="Sd"/> as fractions of the item's
/// points, <see cref="DiscriminationIndex"/> and <see cref="DiscriminativeEfficiency"/> × 100, with bootstrap 95% intervals
/// written <c>[low, high]</c> (null below 5 responses or when the index is undefined).
/// </summary>
public sealed record ItemStatistics(
    string ItemId,
    decimal? Mean,
    int Scored,
    int Responses = 0,
    double? Facility = null,
    double? Sd = null,
    double? DiscriminationIndex = null,
    double? DiscriminativeEfficiency = null,
    IReadOnlyList<double>? FacilityCi95 = null,
    IReadOnlyList<double>? DiscriminationIndexCi95 = null);

/// <summary>
/// Counts are of submissions (attempts): <see cref="Graded"/> counts graded and released ones (a
/// released submission was graded), <see cref="Released"/> released ones only. Scores are over graded
/// and released submissions; per item, over those whose item has a score. Means are rounded to 4 decimals.
/// Item analysis (<see cref="ItemStatistics"/>) takes each student's latest graded attempt (latest received; ties by id).
/// </summary>
public sealed record AssessmentStatistics(
    string AssessmentId, string CourseId, decimal MaxScore, int Submitted, int Graded, int Released,
    decimal? MeanScore, decimal? MinScore, decimal? MaxScoreAchieved, IReadOnlyList<ItemStatistics> Items)
{
    public static AssessmentStatistics From(
        string assessmentId, string courseId, decimal maxScore, IReadOnlyList<AnalysedItem> items, IReadOnlyList<StatisticsContribution> contributions, ItemAnalysisOptions analysis)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(contributions);
        var finished = contributions.Where(c => c.Status.IsFinished()).ToList();
        var scores = finished.Where(c => c.Score is not null).Select(c => c.Score!.Value).ToList();
        var itemScores = finished.SelectMany(c => c.Items).Where(i => i.Score is not null)
            .GroupBy(i => i.ItemId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(i => i.Score!.Value).ToList(), StringComparer.Ordinal);
        var analysed = ItemAnalysis.Analyse(items, LatestAttempts.Marks(LatestAttempts.Of(finished)), analysis).ToDictionary(r => r.ItemId, StringComparer.Ordinal);
        return new AssessmentStatistics(assessmentId, courseId, maxScore, contributions.Count, finished.Count,
            contributions.Count(c => c.Status == SubmissionStatus.Released),
            Mean(scores), scores.Count > 0 ? scores.Min() : null, scores.Count > 0 ? scores.Max() : null,
            items.Select(item => Item(item.ItemId, itemScores.GetValueOrDefault(item.ItemId), analysed[item.ItemId])).ToList());
    }

    private static ItemStatistics Item(string itemId, List<decimal>? scores, ItemAnalysisResult a) =>
        new(itemId, scores is null ? null : Mean(scores), scores?.Count ?? 0, a.Responses, a.Facility, a.Sd, a.DiscriminationIndex, a.DiscriminativeEfficiency,
            Pair(a.FacilityCi95), Pair(a.DiscriminationIndexCi95));

    /// <summary>An interval as the API writes intervals: <c>[low, high]</c>.</summary>
    private static double[]? Pair(Interval95? interval) => interval is null ? null : [interval.Low, interval.High];

    private static decimal? Mean(List<decimal> values) => values.Count > 0 ? Math.Round(values.Average(), 4, MidpointRounding.AwayFromZero) : null;
}
