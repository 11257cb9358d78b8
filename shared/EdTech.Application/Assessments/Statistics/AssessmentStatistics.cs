using EdTech.Application.Records;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Assessments.Statistics;

public sealed record ItemStatistics(string ItemId, decimal? Mean, int Scored);

/// <summary>
/// Counts are of submissions (attempts): <see cref="Graded"/> counts graded and released ones (a
/// released submission was graded), <see cref="Released"/> released ones only. Scores are over graded
/// and released submissions; per item, over those whose item has a score. Means are rounded to 4 decimals.
/// </summary>
public sealed record AssessmentStatistics(
    string AssessmentId, string CourseId, decimal MaxScore, int Submitted, int Graded, int Released,
    decimal? MeanScore, decimal? MinScore, decimal? MaxScoreAchieved, IReadOnlyList<ItemStatistics> Items)
{
    public static AssessmentStatistics From(string assessmentId, string courseId, decimal maxScore, IReadOnlyList<string> itemIds, IReadOnlyList<StatisticsContribution> contributions)
    {
        var finished = contributions.Where(c => SubmissionStatus.IsFinished(c.Status)).ToList();
        var scores = finished.Where(c => c.Score is not null).Select(c => c.Score!.Value).ToList();
        var itemScores = finished.SelectMany(c => c.Items).Where(i => i.Score is not null)
            .GroupBy(i => i.ItemId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(i => i.Score!.Value).ToList(), StringComparer.Ordinal);
        return new AssessmentStatistics(assessmentId, courseId, maxScore, contributions.Count, finished.Count,
            contributions.Count(c => c.Status == SubmissionStatus.Released),
            Mean(scores), scores.Count > 0 ? scores.Min() : null, scores.Count > 0 ? scores.Max() : null,
            itemIds.Select(id => itemScores.TryGetValue(id, out var s) ? new ItemStatistics(id, Mean(s), s.Count) : new ItemStatistics(id, null, 0)).ToList());
    }

    private static decimal? Mean(List<decimal> values) => values.Count > 0 ? Math.Round(values.Average(), 4, MidpointRounding.AwayFromZero) : null;
}
