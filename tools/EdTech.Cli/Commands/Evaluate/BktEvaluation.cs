using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;

namespace EdTech.Cli.Commands.Evaluate;

/// <summary>
/// BKT recovery for one skill: 2000 students × 10 attempts from parameters drawn in the ranges fitted on tutor data
/// (pInit 0.2–0.6, pLearn 0.05–0.25, slip 0.05–0.15, guess 0.1–0.3).
/// </summary>
public static class BktEvaluation
{
    public const int Students = 2000;
    public const int Steps = 10;

    public static BktReport Run(Synthetic data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var truth = new BktParameters(data.Uniform(0.2, 0.6), data.Uniform(0.05, 0.25), data.Uniform(0.05, 0.15), data.Uniform(0.1, 0.3));
        var sequences = Enumerable.Range(0, Students).Select(_ => Simulate(data, truth)).ToArray();

        var (fit, fitMs) = Timing.Median(() => BktFitter.Fit(sequences, BktFitOptions.Default));
        return new BktReport(Students, Steps, fit.Parameters.MaxDifference(truth), fitMs);
    }

    private static bool[] Simulate(Synthetic data, BktParameters p)
    {
        var answers = new bool[Steps];
        var known = data.Bernoulli(p.PInit);
        for (var t = 0; t < Steps; t++)
        {
            answers[t] = data.Bernoulli(known ? 1 - p.PSlip : p.PGuess);
            known = known || data.Bernoulli(p.PLearn);
        }

        return answers;
    }
}
