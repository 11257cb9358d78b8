using EdTech.Domain.Rubrics;

namespace EdTech.Domain.Grading;

/// <summary>A teacher's choice for one criterion (ids as sent; checked by the caller against the rubric).</summary>
public sealed record CriterionChoice(string CriterionId, string LevelId, string? Comment);

/// <summary>
/// The score of a rubric item. The item keeps its own points: the rubric's total is scaled to them,
/// <c>itemPoints × chosen ÷ rubric maximum</c>, rounded to 2 decimals (half away from zero). When the item's points equal
/// the rubric's maximum (the usual case) that is exactly the sum of the chosen levels, unrounded. Scaling is what lets one
/// rubric serve items of different weights and lets a rubric get a new version without making an item's points wrong.
/// </summary>
public static class RubricScoring
{
    /// <summary>Scores <paramref name="choices"/>, one per criterion of <paramref name="rubric"/> (the caller validated them).</summary>
    public static (decimal Score, RubricScore Rubric) Score(Rubric rubric, int version, IReadOnlyList<CriterionChoice> choices, decimal itemPoints)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(choices);
        var byId = choices.ToDictionary(c => c.CriterionId, StringComparer.Ordinal);
        var chosen = new List<CriterionScore>(rubric.Criteria.Count);
        foreach (var criterion in rubric.Criteria)
        {
            if (!byId.TryGetValue(criterion.Id, out var choice))
            {
                throw new ArgumentException($"No level chosen for criterion '{criterion.Id}'.", nameof(choices));
            }

            var level = criterion.Levels.FirstOrDefault(l => l.Id == choice.LevelId)
                ?? throw new ArgumentException($"Criterion '{criterion.Id}' has no level '{choice.LevelId}'.", nameof(choices));
            chosen.Add(new CriterionScore(criterion.Id, level.Id, level.Points, string.IsNullOrWhiteSpace(choice.Comment) ? null : choice.Comment));
        }

        var score = new RubricScore(rubric.Id, version, chosen);
        return (Scale(score.Points, rubric.MaxPoints, itemPoints), score);
    }

    /// <summary><paramref name="points"/> of <paramref name="max"/> as a share of <paramref name="itemPoints"/>.</summary>
    public static decimal Scale(decimal points, decimal max, decimal itemPoints)
    {
        if (max <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "A rubric's maximum is greater than 0.");
        }

        if (max == itemPoints)
        {
            return points;
        }

        return Math.Round(itemPoints * points / max, 2, MidpointRounding.AwayFromZero);
    }
}
