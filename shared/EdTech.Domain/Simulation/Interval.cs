namespace EdTech.Domain.Simulation;

/// <summary>A figure and its 95% interval.</summary>
public sealed record Estimate(double Mean, double Low, double High);

/// <summary>
/// The two interval methods (docs/simulation.md, "Intervals"). One parameter set: students are independent (each has its
/// own random stream), so per-student outcomes, and per-student proposal − baseline differences, are i.i.d. and the mean
/// has the normal interval mean ± 1.96·s/√n; batch means would only be needed for correlated output such as an MCMC
/// chain. Several parameter draws: each draw's mean is one sample of the figure under calibration uncertainty (plus its
/// own Monte Carlo noise), and the interval is the t prediction interval over the R draw means,
/// mean ± t(0.975, R−1)·s·√(1 + 1/R).
/// </summary>
internal static class Interval
{
    private const double Z975 = 1.959963984540054;

    // t(0.975, ν) for ν = 1..30; beyond that the Cornish–Fisher expansion is accurate to 1e-4.
    private static readonly double[] T975 =
    [
        12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
        2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
        2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
    ];

    /// <param name="sum">Σx over n students.</param>
    /// <param name="sumOfSquares">Σx² over the same students.</param>
    public static Estimate OfStudents(double sum, double sumOfSquares, long n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        var mean = sum / n;
        var variance = Math.Max(0, (sumOfSquares - (n * mean * mean)) / (n - 1));
        var half = Z975 * Math.Sqrt(variance / n);
        return new Estimate(mean, mean - half, mean + half);
    }

    public static Estimate OfDraws(IReadOnlyList<double> drawMeans)
    {
        var r = drawMeans.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(r, 2);
        var mean = drawMeans.Average();
        var variance = drawMeans.Sum(m => (m - mean) * (m - mean)) / (r - 1);
        var half = T(r - 1) * Math.Sqrt(variance * (1 + (1.0 / r)));
        return new Estimate(mean, mean - half, mean + half);
    }

    public static double T(int degreesOfFreedom)
    {
        if (degreesOfFreedom <= T975.Length)
        {
            return T975[degreesOfFreedom - 1];
        }

        double z = Z975, v = degreesOfFreedom;
        return z + (((z * z * z) + z) / (4 * v)) + (((5 * Math.Pow(z, 5)) + (16 * z * z * z) + (3 * z)) / (96 * v * v));
    }
}
