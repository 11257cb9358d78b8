using EdTech.Application.Storage;
using EdTech.Domain.Learning.EloModel;

namespace EdTech.Application.Records.Views;

public sealed record RecommendedItem(string CourseId, string AssessmentId, string ItemId, string Skill, string Kind, string Reason, double PredictedSuccess);

/// <summary>A skill's mastery in a course (BKT posterior from released results) and the Elo ability behind predicted success.</summary>
public sealed record SkillMasteryView(string CourseId, string Skill, double Mastery, double Ability, int Attempts, int Correct);

/// <summary>A student's recommendations and mastery, recomputed by the learner-state handler on every change. Id = user id.</summary>
public sealed record RecommendationRecord(string Id, IReadOnlyList<RecommendedItem> Items, IReadOnlyList<SkillMasteryView> Mastery, DateTimeOffset ComputedAt) : IStoredRecord
{
    public static string Container => Containers.Recommendations;

    public string PartitionKey => Id;

    public static string? PartitionOf(string id) => id;
}
