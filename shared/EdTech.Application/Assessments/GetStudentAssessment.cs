using EdTech.Application.Access;
using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Assessments;

public sealed record StudentItemView(string Id, string Type, string Prompt, IReadOnlyList<string>? Choices, decimal Points, IReadOnlyList<string> Skills);

/// <summary>An assessment as a student sees it: never the answer keys or tolerances.</summary>
public sealed record StudentAssessmentView(
    string Id, string CourseId, string Title, DateTimeOffset DueAt, int GraceSeconds, int? MaxAttempts,
    LatePolicy? LatePolicy, ReleasePolicy Release, decimal MaxScore, IReadOnlyList<StudentItemView> Items);

public sealed class GetStudentAssessmentHandler(AssessmentLookup assessments, CourseAccess access)
{
    public async Task<Outcome<StudentAssessmentView>> HandleAsync(Caller caller, string assessmentId, CancellationToken ct)
    {
        var record = await assessments.FindAsync(caller.Tenant, assessmentId, ct).ConfigureAwait(false);
        if (record is null || !record.IsPublished() || !await access.IsEnrolledAsync(caller.Tenant, record.CourseId, caller.UserId, Roles.Student, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("assessment");
        }

        var a = record.Assessment;
        return Outcome<StudentAssessmentView>.Ok(new StudentAssessmentView(a.Id, a.CourseId, a.Title, a.DueAt, a.GraceSeconds, a.MaxAttempts, a.LatePolicy, a.Release, a.MaxScore,
            a.Items.Select(i => new StudentItemView(i.Id, i.Type, i.Prompt, i.Choices, i.Points, i.Skills)).ToList()));
    }
}
