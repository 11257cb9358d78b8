using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Records;
using EdTech.Domain.Assessments;

namespace EdTech.Bff.Apis;

/// <summary>
/// An assessment as its teacher sees it (answer keys included), on create, read and edit. <c>regrading</c> is only on an
/// edit's answer: whether it started a regrade of existing submissions.
/// </summary>
public sealed record TeacherAssessmentView(
    string Id, string CourseId, string Title, DateTimeOffset DueAt, int GraceSeconds, int? MaxAttempts, LatePolicy? LatePolicy,
    ReleasePolicy Release, string? Category, decimal MaxScore, int Version, bool? Regrading, bool Published,
    IReadOnlyList<AssessmentItem> Items, int? TimeLimitSeconds, string? OverTime)
{
    public static TeacherAssessmentView Of(AssessmentRecord record, bool? regrading = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var a = record.Assessment;
        return new(
            a.Id, a.CourseId, a.Title, a.DueAt, a.GraceSeconds, a.MaxAttempts, a.LatePolicy, a.Release, a.Category, a.MaxScore, record.Version, regrading,
            record.IsPublished(), a.Items, a.TimeLimitSeconds, a.OverTime);
    }
}
