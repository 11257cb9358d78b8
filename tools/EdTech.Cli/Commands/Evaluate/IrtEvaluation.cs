using EdTech.Domain.Learning;
using EdTech.Domain.Learning.IrtModel;

namespace EdTech.Cli.Commands.Evaluate;

/// <summary>2PL recovery (1000 persons × 20 items, complete design) and held-out prediction with EAP abilities.</summary>
public static class IrtEvaluation
{
    public const int Persons = 1000;
    public const int Items = 20;
    public const double HeldOutShare = 0.1;

    public static (Irt2PlReport Recovery, PredictionReport Prediction) Run(Synthetic data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var abilities = data.Abilities(Persons);
        var items = data.Items(Items);
        var responses = data.Responses(abilities, items);

        var (fit, fitMs) = Timing.Median(() => IrtCalibrator.Calibrate(responses, Items, IrtCalibrationOptions.Default));

        var trueB = items.Select(i => i.Difficulty).ToArray();
        var fitB = fit.Items.Select(i => i.Difficulty).ToArray();
        var recovery = new Irt2PlReport(
            Persons,
            Items,
            Metrics.Pearson(trueB, fitB),
            Metrics.Rmse(trueB, fitB),
            Metrics.Pearson(items.Select(i => i.Discrimination).ToArray(), fit.Items.Select(i => i.Discrimination).ToArray()),
            fitMs);
        return (recovery, Predict(data, abilities, items, responses));
    }

    // Hold out a random 10 % of the cells (about 18 answers left per person), calibrate on the rest, score each held-out answer with the person's EAP from their
    // remaining answers; the oracle scores the same answers with the generating θ, a and b.
    private static PredictionReport Predict(Synthetic data, double[] abilities, IrtItem[] items, IrtResponse[] responses)
    {
        var heldOut = responses.Select(_ => data.Uniform(0, 1) < HeldOutShare).ToArray();
        var training = responses.Where((_, k) => !heldOut[k]).ToArray();
        var fitted = IrtCalibrator.Calibrate(training, Items, IrtCalibrationOptions.Default).Items;
        var theta = training
            .GroupBy(r => r.Person)
            .ToDictionary(g => g.Key, g => IrtAbility.Eap(g.Select(r => new IrtAnswer(fitted[r.Item], r.Correct)), IrtQuadrature.Default).Theta);

        var test = responses.Where((_, k) => heldOut[k]).ToArray();
        var labels = test.Select(r => r.Correct).ToArray();
        var model = test.Select(r => fitted[r.Item].Probability(theta.GetValueOrDefault(r.Person))).ToArray();
        var oracle = test.Select(r => items[r.Item].Probability(abilities[r.Person])).ToArray();
        return new PredictionReport(Metrics.Auc(model, labels), Metrics.Auc(oracle, labels));
    }
}
