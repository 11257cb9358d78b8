namespace EdTech.Domain.Learning;

/// <summary>The logistic link every learner model here shares, written so large |x| neither overflows nor takes the log of 0.</summary>
public static class Logistic
{
    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>log σ(x) = −log(1 + e^(−x)); log(1 − σ(x)) is LogSigmoid(−x).</summary>
    public static double LogSigmoid(double x) => x >= 0 ? -Math.Log(1 + Math.Exp(-x)) : x - Math.Log(1 + Math.Exp(x));

    public static double Logit(double p) => Math.Log(p / (1 - p));
}
