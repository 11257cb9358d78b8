namespace EdTech.Domain.Gradebooks;

/// <summary>
/// The course grade from categories: per category, the mean of score/maxScore over its graded results
/// after dropping the lowest N (never all of them: at least one always counts); then the categories'
/// means weighted by their weights, renormalised over the categories that have graded work. Results
/// with no category, an unknown category or a zero maximum take no part. Percents are 0-100, rounded
/// to two decimals at the end only.
/// </summary>
public static class WeightedGrading
{
    public static WeightedGrade Compute(IReadOnlyList<GradingCategory> categories, IEnumerable<GradedResult> results)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(results);
        var byCategory = results
            .Where(r => r.Category is not null && r.MaxScore > 0)
            .GroupBy(r => r.Category!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var perCategory = new List<CategoryResult>(categories.Count);
        decimal weighted = 0, weights = 0;
        foreach (var category in categories)
        {
            var (mean, dropped) = byCategory.TryGetValue(category.Id, out var graded) ? MeanAfterDropping(graded, category.DropLowest) : (null, []);
            perCategory.Add(new CategoryResult(category.Id, mean is { } m ? Round(m * 100) : null, dropped));
            if (mean is { } counted)
            {
                weighted += category.Weight * counted;
                weights += category.Weight;
            }
        }

        return new WeightedGrade(weights > 0 ? Round(weighted / weights * 100) : null, perCategory);
    }

    private static (decimal? Mean, IReadOnlyList<string> Dropped) MeanAfterDropping(List<GradedResult> graded, int dropLowest)
    {
        var ordered = graded
            .Select(r => (r.AssessmentId, Ratio: r.Score / r.MaxScore))
            .OrderBy(r => r.Ratio)
            .ThenBy(r => r.AssessmentId, StringComparer.Ordinal)
            .ToList();
        var drop = Math.Clamp(dropLowest, 0, ordered.Count - 1);
        var kept = ordered.Skip(drop).ToList();
        return (kept.Average(r => r.Ratio), ordered.Take(drop).Select(r => r.AssessmentId).ToList());
    }

    private static decimal Round(decimal percent) => Math.Round(percent, 2, MidpointRounding.AwayFromZero);
}
