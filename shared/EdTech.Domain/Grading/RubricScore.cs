namespace EdTech.Domain.Grading;

/// <summary>The level a teacher chose for one criterion, the points it earned and the teacher's comment on it.</summary>
public sealed record CriterionScore(string CriterionId, string LevelId, decimal Points, string? Comment = null);

/// <summary>
/// How a rubric item was scored: the rubric and the version of it the teacher scored with, and one choice per criterion.
/// Equality compares the choices by value (records compare lists by reference), so an unchanged re-grade is seen as unchanged.
/// </summary>
public sealed record RubricScore(string RubricId, int RubricVersion, IReadOnlyList<CriterionScore> Criteria)
{
    public decimal Points => Criteria.Sum(c => c.Points);

    public bool Equals(RubricScore? other) =>
        other is not null && RubricId == other.RubricId && RubricVersion == other.RubricVersion && Criteria.SequenceEqual(other.Criteria);

    public override int GetHashCode() => HashCode.Combine(RubricId, RubricVersion, Criteria.Count);
}
