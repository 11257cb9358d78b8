using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Courses.Lifecycle;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Assessments.Lifecycle;

/// <summary>
/// The lifecycle checks of a submit. Before: a draft assessment is not found (404, as for any assessment a student cannot
/// see) and an archived course refuses (409 naming the course). After the submission is created: the assessment is read again
/// from the store (uncached point read); if it is now a draft, an unpublish raced this submit and this submit undoes itself.
/// <para>
/// Why write-then-recheck and not one conditional write: the submission and the assessment are different containers, and
/// Cosmos DB has no transaction across them; a condition on the assessment's ETag would serialise every submit of an exam on
/// one document. The unpublish mirrors it (<see cref="SetAssessmentStateHandler"/>): it writes <c>draft</c>, then looks for
/// submissions and puts <c>published</c> back (409) if it finds one. Of the two rechecks at least one sees the other's write:
/// if the unpublish's search ran before this create, this recheck runs after the draft write and sees it; otherwise the
/// search finds this submission. So no submission survives on a draft (docs/api-lifecycle.md, "Submit racing unpublish").
/// </para>
/// </summary>
public static class SubmitLifecycle
{
    public static async Task<Problem?> RefusedAsync(CourseAccess access, Caller caller, AssessmentRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(record);
        if (!record.IsPublished())
        {
            return Problem.NotFound("assessment");
        }

        return await access.IsArchivedAsync(caller.Tenant, record.CourseId, ct).ConfigureAwait(false)
            ? CourseArchive.Refused(record.CourseId, "it accepts no new submissions")
            : null;
    }

    /// <summary>True when the just-created submission may stay; false after deleting it (and its initial view) because the assessment became a draft.</summary>
    public static async Task<bool> KeptAsync(IDocumentStore store, Caller caller, SubmissionRecord submission)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(submission);
        // Not cancellable from here on: a submission that raced an unpublish must be undone even if the client gave up.
        var current = await store.GetAsync<AssessmentRecord>(caller.Tenant, submission.AssessmentId, submission.CourseId, CancellationToken.None).ConfigureAwait(false);
        if (current is null || current.Value.IsPublished())
        {
            return true;
        }

        await store.DeleteAsync(caller.Tenant, Containers.Submissions, submission.Id, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        await store.DeleteAsync(caller.Tenant, Containers.SubmissionViews, submission.Id, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        return false;
    }
}
