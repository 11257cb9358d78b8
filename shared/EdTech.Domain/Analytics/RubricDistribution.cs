using EdTech.Domain.Grading;
using EdTech.Domain.Rubrics;

namespace EdTech.Domain.Analytics;

/// <summary>How often one level was chosen; null when the group is too small to show (fewer responses than the minimum).</summary>
public sealed record RubricLevelCount(string LevelId, string Title, decimal Points, int? Count);

/// <summary>One criterion's distribution of chosen levels (in the rubric's order) and mean points; null below the minimum.</summary>
public sealed record RubricCriterionDistribution(string CriterionId, string Title, decimal MaxPoints, decimal? MeanPoints, IReadOnlyList<RubricLevelCount> Levels);

/// <summary>
/// Per criterion of one rubric version: the levels chosen over a set of scores made with that version. Small groups are
/// hidden whole (every count and mean null) when there are fewer than <c>minCount</c> scores, the rule the heatmap's cells
/// follow (tenant setting <c>analytics.min-cell-count</c>): a level count of a class of three says too much about each student.
/// </summary>
public static class RubricDistribution
{
    public static IReadOnlyList<RubricCriterionDistribution> Of(Rubric rubric, IReadOnlyList<RubricScore> scores, int minCount)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(scores);
        var shown = scores.Count > 0 && scores.Count >= minCount;
        return rubric.Criteria.Select(criterion =>
        {
            var chosen = scores.Select(s => s.Criteria.FirstOrDefault(c => c.CriterionId == criterion.Id)).OfType<CriterionScore>().ToList();
            var levels = criterion.Levels
                .Select(l => new RubricLevelCount(l.Id, l.Title, l.Points, shown ? chosen.Count(c => c.LevelId == l.Id) : null))
                .ToList();
            decimal? mean = shown && chosen.Count > 0 ? chosen.Average(c => c.Points) : null;
            return new RubricCriterionDistribution(criterion.Id, criterion.Title, criterion.MaxPoints, mean, levels);
        }).ToList();
    }
}
