using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Timing;

internal static class AttemptReads
{
    /// <summary>The caller's attempt on the assessment (one point read in the assessment's course partition); null when not theirs or unknown.</summary>
    public static async Task<(AssessmentRecord Record, Versioned<AttemptRecord> Attempt)?> FindAsync(
        IDocumentStore store, AssessmentLookup assessments, CourseAccess access, Caller caller, string assessmentId, string attemptId, CancellationToken ct)
    {
        var record = await assessments.FindAsync(caller.Tenant, assessmentId, ct).ConfigureAwait(false);
        if (record is null || !ResourceId.IsValid(attemptId)
            || !await access.IsEnrolledAsync(caller.Tenant, record.CourseId, caller.UserId, Roles.Student, ct).ConfigureAwait(false))
        {
            return null;
        }

        var attempt = await store.GetAsync<AttemptRecord>(caller.Tenant, attemptId, record.CourseId, ct).ConfigureAwait(false);
        return attempt is null || attempt.Value.UserId != caller.UserId || attempt.Value.AssessmentId != record.Id ? null : (record, attempt);
    }
}
