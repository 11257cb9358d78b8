using EdTech.Application.Access;
using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Tenancy;
using EdTech.Domain.Timing;

namespace EdTech.Application.Assessments;

/// <summary>
/// One item as a student sees it. For the richer types (docs/item-types.md): <see cref="Scoring"/> is the rule the item is graded
/// by (a rule, not a key); an ordering item's <see cref="Choices"/> are its elements in a fixed shuffle; a matching item shows its
/// <see cref="Left"/> sides and its <see cref="Right"/> options sorted; a fill-in-the-blanks item its <see cref="BlankCount"/>.
/// Never pairs, accepted answers, patterns, blanks' answers or the right order.
/// </summary>
public sealed record StudentItemView(string Id, string Type, string Prompt, IReadOnlyList<string>? Choices, decimal Points, IReadOnlyList<string> Skills,
    string? Scoring = null, IReadOnlyList<string>? Left = null, IReadOnlyList<string>? Right = null, int? BlankCount = null)
{
    public static StudentItemView Of(AssessmentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(item.Id, item.Type, item.Prompt, ItemPresentation.Choices(item), item.Points, item.Skills,
            ItemScoring.Of(item), ItemPresentation.LeftSides(item), ItemPresentation.RightOptions(item), ItemPresentation.BlankCount(item));
    }
}

/// <summary>
/// An assessment as a student sees it: never the answer keys or tolerances. <see cref="DueAt"/> and <see cref="Deadline"/> are
/// the student's own (an extension moves them); <see cref="TimeLimitSeconds"/> is their own limit (× their multiplier), null when untimed.
/// </summary>
public sealed record StudentAssessmentView(
    string Id, string CourseId, string Title, DateTimeOffset DueAt, int GraceSeconds, int? MaxAttempts,
    LatePolicy? LatePolicy, ReleasePolicy Release, decimal MaxScore, IReadOnlyList<StudentItemView> Items,
    DateTimeOffset? Deadline = null, int? TimeLimitSeconds = null, string? OverTime = null);

public sealed class GetStudentAssessmentHandler(AssessmentLookup assessments, CourseAccess access)
{
    public async Task<Outcome<StudentAssessmentView>> HandleAsync(Caller caller, string assessmentId, CancellationToken ct)
    {
        var record = await assessments.FindAsync(caller.Tenant, assessmentId, ct).ConfigureAwait(false);
        var enrollment = record is null || !record.IsPublished() ? null : await access.EnrollmentAsync(caller.Tenant, record.CourseId, caller.UserId, Roles.Student, ct).ConfigureAwait(false);
        if (record is null || enrollment is null)
        {
            return Problem.NotFound("assessment");
        }

        var a = record.Assessment;
        var mine = enrollment.Accommodation;
        return Outcome<StudentAssessmentView>.Ok(new StudentAssessmentView(a.Id, a.CourseId, a.Title, StudentSchedule.DueAt(a, mine), a.GraceSeconds, a.MaxAttempts, a.LatePolicy, a.Release, a.MaxScore,
            a.Items.Select(StudentItemView.Of).ToList(),
            StudentSchedule.Deadline(a, mine), (int?)StudentSchedule.TimeLimit(a, mine)?.TotalSeconds, a.TimeLimitSeconds is null ? null : a.OverTime ?? OverTimePolicy.AcceptMarked));
    }
}
