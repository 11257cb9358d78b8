using EdTech.Application.Common;
using EdTech.Application.Projections;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Submissions;

/// <summary>API.md's student view: the score only once released.</summary>
public sealed record StudentSubmissionView(string SubmissionId, string AssessmentId, string Status, bool Late, DateTimeOffset SubmittedAt, decimal? Score, decimal? MaxScore);

public sealed class GetStudentSubmissionHandler(IDocumentStore store)
{
    public async Task<Outcome<StudentSubmissionView>> HandleAsync(Caller caller, string submissionId, CancellationToken ct)
    {
        var view = await store.GetAsync<SubmissionView>(caller.Tenant, submissionId, ct).ConfigureAwait(false);
        if (view is not null)
        {
            return view.Value.UserId == caller.UserId ? Outcome<StudentSubmissionView>.Ok(ToStudent(view.Value)) : Problem.NotFound("submission");
        }

        // Just acknowledged, projection not yet written: the write model's accepted state is the answer.
        var submission = await store.GetAsync<SubmissionRecord>(caller.Tenant, submissionId, ct).ConfigureAwait(false);
        return submission is not null && submission.Value.UserId == caller.UserId
            ? Outcome<StudentSubmissionView>.Ok(ToStudent(SubmissionProjection.ToView(submission.Value, submission.Sequence)))
            : Problem.NotFound("submission");
    }

    private static StudentSubmissionView ToStudent(SubmissionView v)
    {
        var released = v.Status == SubmissionStatus.Released;
        return new StudentSubmissionView(v.Id, v.AssessmentId, v.Status, v.Late, v.SubmittedAt, released ? v.Score : null, released ? v.MaxScore : null);
    }
}
