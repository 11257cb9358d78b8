namespace EdTech.Domain.Learning.IrtModel;

/// <summary>A 2PL item: P(correct | θ) = σ(a·(θ − b)), a = discrimination, b = difficulty (the θ at which P = 0.5).</summary>
public sealed record IrtItem(double Discrimination, double Difficulty)
{
    public double Probability(double theta) => Logistic.Sigmoid(Discrimination * (theta - Difficulty));
}

/// <summary>One scored answer for calibration: person and item are dense indexes (0..n-1) the caller maps to ids.</summary>
public readonly record struct IrtResponse(int Person, int Item, bool Correct);

/// <summary>One person's answer to an item with known parameters, for ability estimation.</summary>
public readonly record struct IrtAnswer(IrtItem Item, bool Correct);
