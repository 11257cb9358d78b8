using EdTech.Domain.Learning;
using EdTech.Domain.Learning.IrtModel;

namespace EdTech.Domain.Tests.Learning;

public sealed class IrtTests
{
    [Theory]
    [InlineData(0.5, -1.2)]
    [InlineData(1.0, 0.0)]
    [InlineData(2.3, 1.7)]
    public void Probability_AtThetaEqualToDifficulty_IsOneHalf(double a, double b) =>
        Assert.Equal(0.5, new IrtItem(a, b).Probability(b), 12);

    [Fact]
    public void Probability_HigherDiscrimination_IsSteeperAboveDifficulty() =>
        Assert.True(new IrtItem(2, 0).Probability(1) > new IrtItem(0.5, 0).Probability(1));

    [Fact]
    public void Calibrate_FiveHundredSimulatedPersons_RecoversDifficultyAndDiscrimination()
    {
        var (items, responses) = Simulate(seed: 7, persons: 500, itemCount: 10);

        var fit = IrtCalibrator.Calibrate(responses, items.Length, IrtCalibrationOptions.Default);

        Assert.True(fit.Converged);
        var rmseB = Math.Sqrt(items.Zip(fit.Items, (t, f) => Math.Pow(t.Difficulty - f.Difficulty, 2)).Average());
        var rmseA = Math.Sqrt(items.Zip(fit.Items, (t, f) => Math.Pow(t.Discrimination - f.Discrimination, 2)).Average());
        Assert.True(rmseB < 0.2, $"difficulty RMSE {rmseB}");
        Assert.True(rmseA < 0.25, $"discrimination RMSE {rmseA}");
    }

    [Fact]
    public void Calibrate_TwelvePersons_KeepsDiscriminationNearThePriorInsteadOfBlowingUp()
    {
        var (items, responses) = Simulate(seed: 1, persons: 12, itemCount: 6);

        var fit = IrtCalibrator.Calibrate(responses, items.Length, IrtCalibrationOptions.Default);

        Assert.All(fit.Items, item => Assert.InRange(item.Discrimination, 0.2, 5));
        Assert.All(fit.Items, item => Assert.True(double.IsFinite(item.Difficulty)));
    }

    [Fact]
    public void Calibrate_ItemEveryoneGotRight_HasAFiniteLowDifficulty()
    {
        var responses = Enumerable.Range(0, 40)
            .SelectMany(p => new[] { new IrtResponse(p, 0, true), new IrtResponse(p, 1, p % 2 == 0) })
            .ToArray();

        var fit = IrtCalibrator.Calibrate(responses, 2, IrtCalibrationOptions.Default);

        Assert.InRange(fit.Items[0].Difficulty, -10, fit.Items[1].Difficulty);
    }

    [Fact]
    public void Calibrate_ItemIndexOutOfRange_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IrtCalibrator.Calibrate([new IrtResponse(0, 3, true)], 2, IrtCalibrationOptions.Default));

    [Fact]
    public void Eap_NoAnswers_IsThePriorMeanAndSpread()
    {
        var estimate = IrtAbility.Eap([], IrtQuadrature.Default);

        Assert.Equal(0, estimate.Theta, 9);
        Assert.Equal(1, estimate.StandardError, 2);
    }

    [Fact]
    public void Eap_AllRight_IsFiniteAboveAllWrong()
    {
        IrtItem[] items = [new(1, -1), new(1, 0), new(1, 1)];

        var allRight = IrtAbility.Eap(items.Select(i => new IrtAnswer(i, true)), IrtQuadrature.Default);
        var allWrong = IrtAbility.Eap(items.Select(i => new IrtAnswer(i, false)), IrtQuadrature.Default);

        Assert.InRange(allRight.Theta, 0.5, 4);
        Assert.Equal(-allRight.Theta, allWrong.Theta, 9);
        Assert.True(allRight.StandardError < 1);
    }

    private static (IrtItem[] Items, IrtResponse[] Responses) Simulate(int seed, int persons, int itemCount)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var items = Enumerable.Range(0, itemCount).Select(_ => new IrtItem(Math.Exp(0.3 * Normal()), Normal())).ToArray();
        var responses = new List<IrtResponse>();
        for (var p = 0; p < persons; p++)
        {
            var theta = Normal();
            for (var i = 0; i < itemCount; i++)
            {
                responses.Add(new IrtResponse(p, i, random.NextDouble() < items[i].Probability(theta)));
            }
        }

        return (items, responses.ToArray());
    }
}
