using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Tenancy;
using EdTech.Domain.Timing;

namespace EdTech.Application.Assessments;

public sealed record StudentItemView(string Id, string Type, string Prompt, IReadOnlyList<string>? Choices, decimal Points, IReadOnlyList<string> Skills);

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
        var enrollment = record is null ? null : await access.EnrollmentAsync(caller.Tenant, record.CourseId, caller.UserId, Roles.Student, ct).ConfigureAwait(false);
        if (record is null || enrollment is null)
        {
            return Problem.NotFound("assessment");
        }

        var a = record.Assessment;
        var mine = enrollment.Accommodation;
        return Outcome<StudentAssessmentView>.Ok(new StudentAssessmentView(a.Id, a.CourseId, a.Title, StudentSchedule.DueAt(a, mine), a.GraceSeconds, a.MaxAttempts, a.LatePolicy, a.Release, a.MaxScore,
            a.Items.Select(i => new StudentItemView(i.Id, i.Type, i.Prompt, i.Choices, i.Points, i.Skills)).ToList(),
            StudentSchedule.Deadline(a, mine), (int?)StudentSchedule.TimeLimit(a, mine)?.TotalSeconds, a.TimeLimitSeconds is null ? null : a.OverTime ?? OverTimePolicy.AcceptMarked));
    }
}
