using EdTech.Application.Storage;
using EdTech.Domain.Analytics;

namespace EdTech.Application.Records.Views;

/// <summary>The modules of a course a student was active in during one ISO week.</summary>
public sealed record ModuleWeek(string Week, string ModuleId);

/// <summary>
/// One student's weekly analytics in one course, kept by the <c>analytics-weeks-projection</c> consumer: BKT mastery per skill at
/// the end of each week they answered on it (recomputed from the learner state) and the modules they were active in per week
/// (from usage events, a set: a redelivered event adds nothing). Id "{courseId}:{userId}", partition the course, so the weekly
/// heatmaps are one partition query.
/// </summary>
public sealed record StudentWeeksRecord(
    string Id, string CourseId, string UserId, IReadOnlyList<SkillWeekMastery> Mastery, IReadOnlyList<ModuleWeek> Modules, DateTimeOffset UpdatedAt) : IStoredRecord
{
    public static string Container => Containers.AnalyticsStudentWeeks;

    public string PartitionKey => CourseId;

    public static string? PartitionOf(string id) => RecordIds.Head(id);

    public static string IdFor(string courseId, string userId) => $"{courseId}:{userId}";

    public static StudentWeeksRecord Empty(string courseId, string userId) => new(IdFor(courseId, userId), courseId, userId, [], [], default);
}
