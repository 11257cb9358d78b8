using EdTech.Domain.Learning;
using EdTech.Domain.Learning.IrtModel;

namespace EdTech.Cli.Commands.Evaluate;

/// <summary>
/// Seeded generators for known-parameter data. Abilities θ ~ N(0,1); difficulty b ~ N(0,1); discrimination ln a ~ N(0, 0.3²)
/// (median 1, 95 % within 0.55–1.8): the usual simulation design for 2PL recovery studies.
/// </summary>
public sealed class Synthetic(int seed)
{
    private readonly Random random = new(seed);

    public double Normal()
    {
        // Box–Muller; 1 − U keeps the log argument in (0, 1].
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public double Uniform(double min, double max) => min + ((max - min) * random.NextDouble());

    public bool Bernoulli(double p) => random.NextDouble() < p;

    public int Next(int maxExclusive) => random.Next(maxExclusive);

    public double[] Abilities(int persons) => Enumerable.Range(0, persons).Select(_ => Normal()).ToArray();

    public IrtItem[] Items(int count) => Enumerable.Range(0, count).Select(_ => new IrtItem(Math.Exp(0.3 * Normal()), Normal())).ToArray();

    /// <summary>Every person answers every item once, scored from the 2PL.</summary>
    public IrtResponse[] Responses(double[] abilities, IrtItem[] items)
    {
        var responses = new IrtResponse[abilities.Length * items.Length];
        for (var p = 0; p < abilities.Length; p++)
        {
            for (var i = 0; i < items.Length; i++)
            {
                responses[(p * items.Length) + i] = new IrtResponse(p, i, Bernoulli(items[i].Probability(abilities[p])));
            }
        }

        return responses;
    }

    public void Shuffle<T>(T[] values)
    {
        for (var i = values.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
