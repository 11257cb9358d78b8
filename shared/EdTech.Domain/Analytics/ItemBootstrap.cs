namespace EdTech.Domain.Analytics;

/// <summary>
/// Percentile bootstrap over students: each resample draws the students with replacement (all items together, so an item's
/// index keeps its relation to the rest of the attempt), recomputes facility and the discrimination index per item from
/// running sums, and the interval is the 2.5th–97.5th percentile (linear interpolation) of the resamples where the statistic is
/// defined. An item with fewer than the minimum responses, or whose index is undefined in more than half the resamples, has no
/// interval. Seeded System.Random: the same marks, options and seed give the same intervals on every machine.
/// </summary>
internal static class ItemBootstrap
{
    private const double ZeroVariance = 1e-12;

    public static (Interval95? Facility, Interval95? Index)[] Run(MarkMatrix matrix, IReadOnlyList<AnalysedItem> items, ItemAnalysisOptions options)
    {
        var count = matrix.Items;
        var result = new (Interval95?, Interval95?)[count];
        var responses = new int[count];
        for (var cell = 0; cell < matrix.Present.Length; cell++)
        {
            responses[cell % count] += matrix.Present[cell] ? 1 : 0;
        }

        if (options.Resamples < 2 || matrix.Students < 2)
        {
            return result;
        }

        var marks = Array.ConvertAll(matrix.Marks, m => (double)m);
        var totals = Array.ConvertAll(matrix.Totals, t => (double)t);
        var facility = new double[count][];
        var index = new double[count][];
        for (var i = 0; i < count; i++)
        {
            facility[i] = new double[options.Resamples];
            index[i] = new double[options.Resamples];
        }

        var random = new Random(options.Seed);
        var sums = new double[count * 6];
        for (var b = 0; b < options.Resamples; b++)
        {
            Array.Clear(sums);
            for (var draw = 0; draw < matrix.Students; draw++)
            {
                var s = random.Next(matrix.Students);
                for (var i = 0; i < count; i++)
                {
                    var cell = (s * count) + i;
                    if (!matrix.Present[cell])
                    {
                        continue;
                    }

                    var x = marks[cell];
                    var y = totals[s] - x;
                    var at = i * 6;
                    sums[at]++;
                    sums[at + 1] += x;
                    sums[at + 2] += y;
                    sums[at + 3] += x * x;
                    sums[at + 4] += y * y;
                    sums[at + 5] += x * y;
                }
            }

            for (var i = 0; i < count; i++)
            {
                (facility[i][b], index[i][b]) = Statistics(sums.AsSpan(i * 6, 6), (double)items[i].MaxMark);
            }
        }

        for (var i = 0; i < count; i++)
        {
            if (responses[i] >= options.MinimumResponses)
            {
                result[i] = (Percentiles(facility[i]), Percentiles(index[i]));
            }
        }

        return result;
    }

    private static (double Facility, double Index) Statistics(ReadOnlySpan<double> s, double maxMark)
    {
        var n = s[0];
        if (n < 2)
        {
            return (n == 1 && maxMark != 0 ? s[1] / maxMark : double.NaN, double.NaN);
        }

        var facility = maxMark != 0 ? s[1] / n / maxMark : double.NaN;
        var varX = (s[3] - (s[1] * s[1] / n)) / (n - 1);
        var varY = (s[4] - (s[2] * s[2] / n)) / (n - 1);
        var cov = (s[5] - (s[1] * s[2] / n)) / (n - 1);
        var zero = varX <= ZeroVariance * Math.Max(1, s[3] / n) || varY <= ZeroVariance * Math.Max(1, s[4] / n);
        return (facility, zero ? double.NaN : 100 * cov / Math.Sqrt(varX * varY));
    }

    private static Interval95? Percentiles(double[] values)
    {
        var defined = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return defined.Length * 2 < values.Length || defined.Length == 0
            ? null
            : new Interval95(Quantile(defined, 0.025), Quantile(defined, 0.975));
    }

    /// <summary>Linear interpolation between order statistics (R's type 7).</summary>
    private static double Quantile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var low = (int)Math.Floor(h);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((h - low) * (sorted[high] - sorted[low]));
    }
}
