namespace EdTech.Domain.Learning.FsrsModel;

/// <summary>
/// FSRS memory state of one student for one item or skill: stability S in days (the interval at which recall falls to 90 %)
/// and difficulty D on [1, 10].
/// </summary>
public sealed record MemoryState(double Stability, double Difficulty);

/// <summary>
/// FSRS v4 weights (Ye, open-spaced-repetition, 2023 defaults). Only "again" (1) and "good" (3) are used: the platform
/// grades right or wrong, not how hard recall felt.
/// </summary>
public sealed record FsrsWeights(IReadOnlyList<double> W)
{
    public static FsrsWeights Default { get; } = new([0.4, 0.6, 2.4, 5.8, 4.93, 0.94, 0.86, 0.01, 1.49, 0.14, 0.94, 2.18, 0.05, 0.34, 1.26, 0.29, 2.61]);
}
