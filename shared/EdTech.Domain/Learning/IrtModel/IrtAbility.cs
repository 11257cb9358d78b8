namespace EdTech.Domain.Learning.IrtModel;

/// <summary>Expected-a-posteriori ability under a N(0,1) prior on the quadrature grid: finite even for all-right or all-wrong patterns.</summary>
public static class IrtAbility
{
    public static IrtAbilityEstimate Eap(IEnumerable<IrtAnswer> answers, IrtQuadrature quadrature)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(quadrature);
        var nodes = quadrature.Nodes;
        var logPosterior = new double[quadrature.Count];
        for (var q = 0; q < logPosterior.Length; q++)
        {
            logPosterior[q] = Math.Log(quadrature.Weights[q]);
        }

        foreach (var answer in answers)
        {
            for (var q = 0; q < logPosterior.Length; q++)
            {
                var logit = answer.Item.Discrimination * (nodes[q] - answer.Item.Difficulty);
                logPosterior[q] += Logistic.LogSigmoid(answer.Correct ? logit : -logit);
            }
        }

        var max = logPosterior.Max();
        double total = 0, mean = 0, square = 0;
        for (var q = 0; q < logPosterior.Length; q++)
        {
            var w = Math.Exp(logPosterior[q] - max);
            total += w;
            mean += w * nodes[q];
            square += w * nodes[q] * nodes[q];
        }

        mean /= total;
        return new IrtAbilityEstimate(mean, Math.Sqrt(Math.Max(0, (square / total) - (mean * mean))));
    }
}

public sealed record IrtAbilityEstimate(double Theta, double StandardError);
