namespace EdTech.Domain.Learning.BktModel;

/// <summary>BKT forward inference: mastery after each observed attempt and the predicted chance of the next one being right.</summary>
public static class Bkt
{
    public static double PredictCorrect(double pKnown, BktParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return (pKnown * (1 - p.PSlip)) + ((1 - pKnown) * p.PGuess);
    }

    /// <summary>P(known | this answer) by Bayes' rule, before any learning from the attempt.</summary>
    public static double Posterior(double pKnown, bool correct, BktParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var known = pKnown * (correct ? 1 - p.PSlip : p.PSlip);
        var unknown = (1 - pKnown) * (correct ? p.PGuess : 1 - p.PGuess);
        return known / (known + unknown);
    }

    /// <summary>Mastery before the next attempt: the posterior, plus the chance of learning from this one.</summary>
    public static double Observe(double pKnown, bool correct, BktParameters p)
    {
        var posterior = Posterior(pKnown, correct, p);
        return posterior + ((1 - posterior) * p.PLearn);
    }

    /// <summary>Predicted P(correct) before each attempt of <paramref name="answers"/> and the mastery after the last.</summary>
    public static BktTrace Trace(IReadOnlyList<bool> answers, BktParameters p)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(p);
        var predictions = new double[answers.Count];
        var known = p.PInit;
        for (var t = 0; t < answers.Count; t++)
        {
            predictions[t] = PredictCorrect(known, p);
            known = Observe(known, answers[t], p);
        }

        return new BktTrace(predictions, known);
    }
}

public sealed record BktTrace(IReadOnlyList<double> PredictedCorrect, double Mastery);
