namespace EdTech.Domain.Learning.EloModel;

/// <summary>Online Elo for one skill: P(correct) = σ(ability − difficulty); each answer moves both ratings by K·(observed − expected).</summary>
public static class Elo
{
    public static double Predict(EloRating student, EloRating item) => Logistic.Sigmoid(student.Value - item.Value);

    public static EloUpdate Update(EloRating student, EloRating item, bool correct, EloOptions options)
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(options);
        var surprise = (correct ? 1.0 : 0.0) - Predict(student, item);
        return new EloUpdate(
            new EloRating(student.Value + (options.K(student.Count) * surprise), student.Count + 1),
            new EloRating(item.Value - (options.K(item.Count) * surprise), item.Count + 1));
    }
}

public sealed record EloUpdate(EloRating Student, EloRating Item);
