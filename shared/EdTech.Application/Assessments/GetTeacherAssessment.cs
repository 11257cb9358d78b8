using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Storage;

namespace EdTech.Application.Assessments;

/// <summary>A teacher's read of the current version of an assessment, answer keys included, with the ETag an edit is conditional on.</summary>
public sealed class GetTeacherAssessmentHandler(IDocumentStore store, CourseAccess access)
{
    public async Task<Outcome<TeacherAssessment>> HandleAsync(Caller caller, string courseId, string assessmentId, CancellationToken ct)
    {
        var stored = await UpdateAssessmentHandler.FindAsync(store, access, caller, courseId, assessmentId, ct).ConfigureAwait(false);
        return stored is null ? Problem.NotFound("assessment") : Outcome<TeacherAssessment>.Ok(new TeacherAssessment(stored.Value, stored.ETag));
    }
}
