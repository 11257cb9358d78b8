namespace EdTech.Domain.Learning.BktModel;

/// <summary>
/// EM stops when no parameter moves more than <see cref="Tolerance"/> in an iteration. Slip and guess are held at or below
/// <see cref="MaxSlipGuess"/> (strictly under 0.5); every parameter at or above <see cref="MinProbability"/>.
/// </summary>
public sealed record BktFitOptions(int MaxIterations = 500, double Tolerance = 1e-6, double MaxSlipGuess = 0.45, double MinProbability = 1e-4)
{
    public static BktFitOptions Default { get; } = new();

    /// <summary>EM runs from each of these and keeps the best likelihood: BKT's likelihood has local optima (e.g. "guess high, never learn").</summary>
    public IReadOnlyList<BktParameters> Starts { get; init; } =
    [
        new(0.3, 0.1, 0.1, 0.2),
        new(0.5, 0.2, 0.05, 0.1),
        new(0.1, 0.05, 0.2, 0.3),
    ];
}

public sealed record BktFit(BktParameters Parameters, double LogLikelihood, int Iterations);
