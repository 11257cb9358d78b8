namespace EdTech.Domain.Learning.FsrsModel;

/// <summary>
/// Spaced review with the FSRS v4 model: recall probability R(t) = (1 + t / (9·S))⁻¹ decays with days t since the last review;
/// a success multiplies S (more when recall was harder, i.e. R lower), a lapse shrinks it. The next review is due when R falls
/// to the target retention.
/// </summary>
public static class MemoryModel
{
    private const int Again = 1;
    private const int Good = 3;

    public static double Retrievability(MemoryState state, double elapsedDays)
    {
        ArgumentNullException.ThrowIfNull(state);
        return 1 / (1 + (Math.Max(0, elapsedDays) / (9 * state.Stability)));
    }

    /// <summary>Days until recall probability falls to <paramref name="targetRetention"/> (0 &lt; r &lt; 1).</summary>
    public static double IntervalDays(MemoryState state, double targetRetention)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (targetRetention is <= 0 or >= 1 || double.IsNaN(targetRetention))
        {
            throw new ArgumentOutOfRangeException(nameof(targetRetention), targetRetention, "must be strictly between 0 and 1.");
        }

        return 9 * state.Stability * ((1 / targetRetention) - 1);
    }

    public static DateTimeOffset NextReview(DateTimeOffset reviewedAt, MemoryState state, double targetRetention) =>
        reviewedAt + TimeSpan.FromDays(IntervalDays(state, targetRetention));

    /// <summary>State after a review; <paramref name="previous"/> null means the first time the student met the item.</summary>
    public static MemoryState Review(MemoryState? previous, bool recalled, double elapsedDays, FsrsWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var w = weights.W;
        var grade = recalled ? Good : Again;
        if (previous is null)
        {
            return new MemoryState(w[grade - 1], ClampDifficulty(InitialDifficulty(grade, w)));
        }

        var r = Retrievability(previous, elapsedDays);
        var s = previous.Stability;
        var d = previous.Difficulty;
        var stability = recalled
            ? s * (1 + (Math.Exp(w[8]) * (11 - d) * Math.Pow(s, -w[9]) * (Math.Exp(w[10] * (1 - r)) - 1)))
            : w[11] * Math.Pow(d, -w[12]) * (Math.Pow(s + 1, w[13]) - 1) * Math.Exp(w[14] * (1 - r));
        var nextDifficulty = d - (w[6] * (grade - Good));

        // Mean reversion toward the difficulty of a first "good" keeps D from drifting to a bound.
        var difficulty = (w[7] * InitialDifficulty(Good, w)) + ((1 - w[7]) * nextDifficulty);
        return new MemoryState(Math.Max(0.01, stability), ClampDifficulty(difficulty));
    }

    private static double InitialDifficulty(int grade, IReadOnlyList<double> w) => w[4] - ((grade - Good) * w[5]);

    private static double ClampDifficulty(double d) => Math.Clamp(d, 1, 10);
}
