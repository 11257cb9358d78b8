using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Grading;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Grading;

/// <summary>
/// The I/O behind the grading activities. Each step is idempotent: it reads the submission's state
/// and only moves it forward, so at-least-once activities give exactly-once effects.
/// </summary>
public sealed class SubmissionGrader(IDocumentStore store, TimeProvider clock, ILogger<SubmissionGrader> logger)
{
    public async Task<GradingResult> AutoGradeAsync(TenantId tenant, string submissionId, CancellationToken ct)
    {
        var (submission, etag) = await LoadAsync(tenant, submissionId, ct).ConfigureAwait(false);
        if (submission.Status is not (SubmissionStatus.Accepted or SubmissionStatus.Grading))
        {
            return ToResult(submission);
        }

        var assessment = await store.GetAsync<AssessmentRecord>(tenant, submission.AssessmentId, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Assessment {submission.AssessmentId} of submission {submissionId} is missing.");
        var answers = submission.Answers.Where(a => a.Value is not null).ToDictionary(a => a.ItemId, a => a.Value!, StringComparer.Ordinal);
        var outcome = AssessmentGrader.Grade(assessment.Value.Assessment, answers);
        var graded = submission with
        {
            ItemScores = outcome.ItemScores,
            RawScore = outcome.NeedsReview ? null : outcome.RawScore,
            Score = outcome.NeedsReview ? null : AssessmentGrader.FinalScore(assessment.Value.Assessment, outcome.RawScore, submission.ReceivedAt),
            Status = outcome.NeedsReview ? SubmissionStatus.AwaitingReview : SubmissionStatus.Graded,
            GradedAt = outcome.NeedsReview ? null : clock.GetUtcNow(),
        };
        Written.Ensure(await store.ReplaceAsync(tenant, graded, etag, ct).ConfigureAwait(false));
        logger.LogInformation("Graded {SubmissionId} in {TenantId}: {Status} {Score}/{MaxScore}", submissionId, tenant, graded.Status, graded.Score, graded.MaxScore);
        return ToResult(graded);
    }

    /// <summary>Releases a graded submission when its assessment's release time has come.</summary>
    public async Task<GradingResult> ReleaseIfDueAsync(TenantId tenant, string submissionId, CancellationToken ct)
    {
        var (submission, etag) = await LoadAsync(tenant, submissionId, ct).ConfigureAwait(false);
        if (submission.Status != SubmissionStatus.Graded)
        {
            return ToResult(submission);
        }

        var assessment = await store.GetAsync<AssessmentRecord>(tenant, submission.AssessmentId, ct).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (assessment is null || !assessment.Value.Assessment.IsReleasedAt(now, assessment.Value.ReleasedAt is not null))
        {
            return ToResult(submission);
        }

        var released = submission with { Status = SubmissionStatus.Released, ReleasedAt = now };
        Written.Ensure(await store.ReplaceAsync(tenant, released, etag, ct).ConfigureAwait(false));
        logger.LogInformation("Released {SubmissionId} in {TenantId}", submissionId, tenant);
        return ToResult(released);
    }

    private async Task<(SubmissionRecord Submission, string ETag)> LoadAsync(TenantId tenant, string submissionId, CancellationToken ct)
    {
        var stored = await store.GetAsync<SubmissionRecord>(tenant, submissionId, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Submission {submissionId} not found in {tenant}.");
        return (stored.Value, stored.ETag);
    }

    private static GradingResult ToResult(SubmissionRecord s) => new(s.Id, s.Status, s.Score, s.MaxScore);
}
