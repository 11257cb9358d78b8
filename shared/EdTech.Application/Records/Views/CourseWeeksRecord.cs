using EdTech.Application.Analytics;
using EdTech.Application.Storage;

namespace EdTech.Application.Records.Views;

/// <summary>Σ mastery and the number of students with evidence on one skill in one ISO week.</summary>
public sealed record SkillWeekSum(string Skill, string Week, double Sum, int Count);

/// <summary>The number of distinct students active in one module in one ISO week.</summary>
public sealed record ModuleWeekCount(string ModuleId, string Week, int Count);

/// <summary>
/// A course's weekly heatmap sums, recomputed from its students' <see cref="StudentWeeksRecord"/>s (counts and sums only, no
/// student's id). <see cref="Stale"/> is set when a student changed after <see cref="UpdatedAt"/> and the recomputation was put
/// off (at most one per <c>AnalyticsWeeksProjection.RecomputeInterval</c>); the read recomputes a stale record. Id = the course.
/// </summary>
public sealed record CourseWeeksRecord(
    string Id, IReadOnlyList<SkillWeekSum> Skills, IReadOnlyList<ModuleWeekCount> Modules, int Enrolled, bool Stale, DateTimeOffset UpdatedAt) : ICourseSums<CourseWeeksRecord>
{
    public CourseWeeksRecord AsStale() => this with { Stale = true };

    public static string Container => Containers.CourseAnalyticsWeeks;

    public string PartitionKey => Id;

    public static string? PartitionOf(string id) => id;
}
