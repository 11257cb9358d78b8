namespace EdTech.Domain.Analytics;

/// <summary>
/// Classical item analysis as Moodle's quiz statistics report computes it (question/classes/statistics/questions/calculator.php):
/// over the latest graded attempt of each student, per item, with n the number of attempts containing the item,
/// x the item's mark and y the rest of the attempt's marks (attempt total − x):
/// <list type="bullet">
/// <item>facility = mean(x) ÷ max mark;</item>
/// <item>sd = √(Σ(x − x̄)² ÷ (n − 1)) ÷ max mark;</item>
/// <item>discrimination index = 100 × cov(x, y) ÷ √(var(x) · var(y)), sample (n − 1) moments, none when either variance is 0;</item>
/// <item>discriminative efficiency = 100 × cov(x, y) ÷ covmax, covmax being the covariance of x and y each sorted ascending
/// and paired (the largest covariance the two distributions allow), none when covmax is 0.</item>
/// </list>
/// Moments are taken in decimal, so an item everybody got the same mark on has exactly zero variance (no index), as in Moodle.
/// Beyond Moodle: percentile bootstrap 95% intervals for facility and the index (<see cref="ItemBootstrap"/>), so a flag raised
/// on 25 students can be told from noise.
/// </summary>
public static class ItemAnalysis
{
    public static IReadOnlyList<ItemAnalysisResult> Analyse(IReadOnlyList<AnalysedItem> items, IReadOnlyList<AttemptMarks> attempts, ItemAnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentNullException.ThrowIfNull(options);
        var matrix = MarkMatrix.From(items, attempts);
        var intervals = ItemBootstrap.Run(matrix, items, options);
        var results = new ItemAnalysisResult[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var (x, y) = matrix.Column(i);
            results[i] = Point(items[i], x, y) with { FacilityCi95 = intervals[i].Facility, DiscriminationIndexCi95 = intervals[i].Index };
        }

        return results;
    }

    private static ItemAnalysisResult Point(AnalysedItem item, decimal[] x, decimal[] y)
    {
        var n = x.Length;
        if (n == 0)
        {
            return new ItemAnalysisResult(item.ItemId, 0, null, null, null, null, null, null);
        }

        var meanX = x.Sum() / n;
        var meanY = y.Sum() / n;
        double? facility = item.MaxMark != 0 ? (double)(meanX / item.MaxMark) : null;
        if (n < 2)
        {
            return new ItemAnalysisResult(item.ItemId, n, facility, null, null, null, null, null);
        }

        decimal varX = 0, varY = 0, cov = 0, covMax = 0;
        var sortedX = x.Order().ToArray();
        var sortedY = y.Order().ToArray();
        for (var k = 0; k < n; k++)
        {
            varX += (x[k] - meanX) * (x[k] - meanX);
            varY += (y[k] - meanY) * (y[k] - meanY);
            cov += (x[k] - meanX) * (y[k] - meanY);
            covMax += (sortedX[k] - meanX) * (sortedY[k] - meanY);
        }

        // The common 1/(n − 1) cancels in both ratios; it matters only for sd.
        double? sd = item.MaxMark != 0 ? Math.Sqrt((double)(varX / (n - 1))) / (double)item.MaxMark : null;
        double? index = varX * varY != 0 ? 100 * (double)cov / Math.Sqrt((double)varX * (double)varY) : null;
        double? efficiency = covMax != 0 ? 100 * (double)(cov / covMax) : null;
        return new ItemAnalysisResult(item.ItemId, n, facility, sd, index, efficiency, null, null);
    }
}
