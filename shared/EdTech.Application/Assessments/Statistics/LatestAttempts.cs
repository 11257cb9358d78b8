using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Domain.Analytics;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Assessments.Statistics;

/// <summary>Each student's latest graded (or released) attempt, by received time then id: what item analysis is computed over.</summary>
public static class LatestAttempts
{
    public static IReadOnlyList<StatisticsContribution> Of(IEnumerable<StatisticsContribution> contributions) =>
        contributions.Where(c => c.Status.IsFinished())
            .GroupBy(c => c.UserId, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id, StringComparer.Ordinal).First())
            .ToList();

    public static IReadOnlyList<AttemptMarks> Marks(IEnumerable<StatisticsContribution> latest) =>
        latest.Select(c => new AttemptMarks(c.UserId, c.Items.ToDictionary(i => i.ItemId, i => i.Score, StringComparer.Ordinal))).ToList();
}
