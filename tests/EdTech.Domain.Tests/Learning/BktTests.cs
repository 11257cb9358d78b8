using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;

namespace EdTech.Domain.Tests.Learning;

public sealed class BktTests
{
    private static readonly BktParameters Skill = new(pInit: 0.4, pLearn: 0.1, pSlip: 0.1, pGuess: 0.2);

    [Fact]
    public void Posterior_AfterCorrectAnswer_MatchesBayesByHand()
    {
        // 0.4·0.9 / (0.4·0.9 + 0.6·0.2) = 0.36 / 0.48
        Assert.Equal(0.75, Bkt.Posterior(0.4, correct: true, Skill), 12);
    }

    [Fact]
    public void Posterior_AfterWrongAnswer_MatchesBayesByHand()
    {
        // 0.4·0.1 / (0.4·0.1 + 0.6·0.8) = 0.04 / 0.52
        Assert.Equal(0.04 / 0.52, Bkt.Posterior(0.4, correct: false, Skill), 12);
    }

    [Fact]
    public void Observe_AddsTheChanceOfLearningAfterThePosterior() =>
        Assert.Equal(0.75 + (0.25 * 0.1), Bkt.Observe(0.4, correct: true, Skill), 12);

    [Fact]
    public void Trace_PredictsBeforeEachAnswerAndEndsWithMastery()
    {
        var trace = Bkt.Trace([true, true], Skill);

        Assert.Equal((0.4 * 0.9) + (0.6 * 0.2), trace.PredictedCorrect[0], 12);
        Assert.Equal((0.775 * 0.9) + (0.225 * 0.2), trace.PredictedCorrect[1], 12);
        Assert.Equal(Bkt.Observe(0.775, true, Skill), trace.Mastery, 12);
    }

    [Theory]
    [InlineData(0.5, 0.1)]
    [InlineData(0.1, 0.5)]
    [InlineData(-0.1, 0.1)]
    public void Parameters_SlipOrGuessOutsideZeroToHalf_AreRejected(double slip, double guess) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BktParameters(0.3, 0.1, slip, guess));

    [Fact]
    public void Fit_TwoThousandSimulatedStudents_RecoversEveryParameterWithinSamplingError()
    {
        var truth = new BktParameters(0.35, 0.15, 0.08, 0.22);
        var random = new Random(11);
        var sequences = Enumerable.Range(0, 2000).Select(_ => Simulate(random, truth, 10)).ToArray();

        var fit = BktFitter.Fit(sequences, BktFitOptions.Default);

        // pInit rests on 2000 first answers: its sampling SD alone is about 0.012.
        Assert.True(fit.Parameters.MaxDifference(truth) < 0.035, $"fitted {fit.Parameters}");
    }

    [Fact]
    public void Fit_AnswersUnrelatedToPractice_KeepsSlipAndGuessUnderTheBound()
    {
        var random = new Random(3);
        var sequences = Enumerable.Range(0, 300).Select(_ => Enumerable.Range(0, 8).Select(_ => random.NextDouble() < 0.5).ToArray()).ToArray();

        var fit = BktFitter.Fit(sequences, BktFitOptions.Default);

        Assert.InRange(fit.Parameters.PSlip, 0, BktFitOptions.Default.MaxSlipGuess);
        Assert.InRange(fit.Parameters.PGuess, 0, BktFitOptions.Default.MaxSlipGuess);
    }

    [Fact]
    public void Fit_NoAnswers_IsRejected() =>
        Assert.Throws<ArgumentException>(() => BktFitter.Fit([Array.Empty<bool>()], BktFitOptions.Default));

    private static bool[] Simulate(Random random, BktParameters p, int steps)
    {
        var answers = new bool[steps];
        var known = random.NextDouble() < p.PInit;
        for (var t = 0; t < steps; t++)
        {
            answers[t] = random.NextDouble() < (known ? 1 - p.PSlip : p.PGuess);
            known = known || random.NextDouble() < p.PLearn;
        }

        return answers;
    }
}
