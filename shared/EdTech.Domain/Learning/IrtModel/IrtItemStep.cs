namespace EdTech.Domain.Learning.IrtModel;

/// <summary>
/// M-step for one item in slope–intercept form (logit = a·θ + c), where the expected log-likelihood is concave:
/// a few damped Newton steps on it plus the log priors, warm-started from the previous EM iteration.
/// </summary>
internal readonly record struct IrtItemStep(double Slope, double Intercept)
{
    private const double MinSlope = 0.05;
    private const int NewtonSteps = 5;

    public double Difficulty => -Intercept / Slope;

    public static IrtItemStep FromItem(IrtItem item) => new(item.Discrimination, -item.Discrimination * item.Difficulty);

    public IrtItem ToItem() => new(Slope, Difficulty);

    public static IrtItemStep Maximise(IrtItemStep start, ReadOnlySpan<double> n, ReadOnlySpan<double> r, ReadOnlySpan<double> theta, IrtCalibrationOptions o)
    {
        var current = start;
        var objective = Objective(current, n, r, theta, o);
        for (var step = 0; step < NewtonSteps; step++)
        {
            double ga = 0, gc = 0, haa = 0, hac = 0, hcc = 0;
            for (var k = 0; k < theta.Length; k++)
            {
                var p = Logistic.Sigmoid((current.Slope * theta[k]) + current.Intercept);
                var residual = r[k] - (n[k] * p);
                var info = n[k] * p * (1 - p);
                ga += residual * theta[k];
                gc += residual;
                haa -= info * theta[k] * theta[k];
                hac -= info * theta[k];
                hcc -= info;
            }

            var (pa, paa) = SlopePrior(current.Slope, o);
            ga += pa;
            haa += Math.Min(paa, 0);
            var interceptVariance = o.InterceptSd * o.InterceptSd;
            gc -= current.Intercept / interceptVariance;
            hcc -= 1 / interceptVariance;

            // Newton direction −H⁻¹g for the 2×2 negative-definite H.
            var det = (haa * hcc) - (hac * hac);
            var da = -((hcc * ga) - (hac * gc)) / det;
            var dc = -((haa * gc) - (hac * ga)) / det;
            var improved = false;
            for (var scale = 1.0; scale > 1e-3; scale /= 2)
            {
                var candidate = new IrtItemStep(Math.Max(MinSlope, current.Slope + (scale * da)), current.Intercept + (scale * dc));
                var value = Objective(candidate, n, r, theta, o);
                if (value >= objective)
                {
                    (current, objective, improved) = (candidate, value, true);
                    break;
                }
            }

            if (!improved || (Math.Abs(da) < 1e-8 && Math.Abs(dc) < 1e-8))
            {
                break;
            }
        }

        return current;
    }

    private static double Objective(IrtItemStep item, ReadOnlySpan<double> n, ReadOnlySpan<double> r, ReadOnlySpan<double> theta, IrtCalibrationOptions o)
    {
        var total = 0.0;
        for (var k = 0; k < theta.Length; k++)
        {
            var logit = (item.Slope * theta[k]) + item.Intercept;
            total += (r[k] * Logistic.LogSigmoid(logit)) + ((n[k] - r[k]) * Logistic.LogSigmoid(-logit));
        }

        var z = (Math.Log(item.Slope) - o.LogDiscriminationMean) / o.LogDiscriminationSd;
        return total - (z * z / 2) - (item.Intercept * item.Intercept / (2 * o.InterceptSd * o.InterceptSd));
    }

    // d/da and d²/da² of −(ln a − μ)² / (2σ²).
    private static (double Gradient, double Curvature) SlopePrior(double a, IrtCalibrationOptions o)
    {
        var variance = o.LogDiscriminationSd * o.LogDiscriminationSd;
        var u = Math.Log(a) - o.LogDiscriminationMean;
        return (-u / (variance * a), (u - 1) / (variance * a * a));
    }
}
