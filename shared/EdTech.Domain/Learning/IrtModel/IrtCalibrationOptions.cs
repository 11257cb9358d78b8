namespace EdTech.Domain.Learning.IrtModel;

/// <summary>
/// Bock–Aitkin EM settings. The prior on discrimination is normal on log a (median 1, <see cref="LogDiscriminationSd"/> 0.5, the
/// BILOG-MG default spread): with a handful of respondents an item's slope is pulled toward 1 instead of running off to 0 or ∞.
/// A weak N(0, <see cref="InterceptSd"/>²) prior on the intercept −a·b does the same for items everyone got right (or wrong).
/// </summary>
public sealed record IrtCalibrationOptions(
    int MaxIterations = 500,
    double Tolerance = 1e-4,
    double LogDiscriminationMean = 0,
    double LogDiscriminationSd = 0.5,
    double InterceptSd = 5)
{
    public static IrtCalibrationOptions Default { get; } = new();

    public IrtQuadrature Quadrature { get; init; } = IrtQuadrature.Default;
}

public sealed record IrtCalibration(IReadOnlyList<IrtItem> Items, int Iterations, bool Converged);
