namespace EdTech.Domain.Learning.EloModel;

/// <summary>
/// K(n) = <see cref="InitialK"/> / (1 + <see cref="KDecay"/> · n): big early steps for a new student or item, settling as evidence grows
/// (the uncertainty function of Pelánek, "Applications of the Elo rating system in adaptive educational systems", 2016).
/// A decay of 0.2 makes K ≈ 1/(0.2·n) late on: the Robbins–Monro step for an answer carrying Fisher information p(1−p) ≈ 0.2,
/// so a well-used rating ends up near the running maximum-likelihood estimate instead of jittering around it.
/// </summary>
public sealed record EloOptions(double InitialK = 1.0, double KDecay = 0.2, double MinimumK = 0.01)
{
    public static EloOptions Default { get; } = new();

    public double K(int count) => Math.Max(MinimumK, InitialK / (1 + (KDecay * count)));
}
