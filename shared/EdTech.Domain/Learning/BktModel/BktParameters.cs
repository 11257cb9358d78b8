namespace EdTech.Domain.Learning.BktModel;

/// <summary>
/// Bayesian Knowledge Tracing for one skill (Corbett &amp; Anderson 1995), no forgetting:
/// P(known at first attempt), P(unknown → known after an attempt), P(wrong | known), P(right | unknown).
/// Slip and guess stay below 0.5 so "known" always means "more likely right" (the identifiability bound of Baker et al. 2008).
/// </summary>
public sealed record BktParameters
{
    public BktParameters(double pInit, double pLearn, double pSlip, double pGuess)
    {
        Check(pInit, 0, 1, nameof(pInit));
        Check(pLearn, 0, 1, nameof(pLearn));
        Check(pSlip, 0, 0.5, nameof(pSlip));
        Check(pGuess, 0, 0.5, nameof(pGuess));
        (PInit, PLearn, PSlip, PGuess) = (pInit, pLearn, pSlip, pGuess);
    }

    public double PInit { get; }

    public double PLearn { get; }

    public double PSlip { get; }

    public double PGuess { get; }

    /// <summary>Largest absolute difference over the four parameters.</summary>
    public double MaxDifference(BktParameters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new[] { PInit - other.PInit, PLearn - other.PLearn, PSlip - other.PSlip, PGuess - other.PGuess }.Max(Math.Abs);
    }

    private static void Check(double value, double min, double maxExclusive, string name)
    {
        if (double.IsNaN(value) || value < min || value >= maxExclusive)
        {
            throw new ArgumentOutOfRangeException(name, value, $"must be in [{min}, {maxExclusive}).");
        }
    }
}
