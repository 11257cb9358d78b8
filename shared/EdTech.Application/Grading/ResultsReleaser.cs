using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Grading;

/// <summary>What the first ReleaseResults step found: the graded-not-released submissions to release.</summary>
public sealed record ReleaseBatch(string AssessmentId, bool Marked, IReadOnlyList<string> SubmissionIds);

/// <summary>
/// The I/O behind releasing an assessment's results. Marking is idempotent (the release record is created
/// once, then ReleasedAt set once with an ETag write); each submission is then released by the idempotent
/// ReleaseIfDue step (bookkeeping: students already see their scores from the release record on).
/// </summary>
public sealed class ResultsReleaser(IDocumentStore store, TimeProvider clock, ILogger<ResultsReleaser> logger)
{
    /// <summary>Graded-not-released submissions of the assessment (one partition: its course), in id order.</summary>
    public static Task<IReadOnlyList<StoredDocument>> PendingAsync(IDocumentStore store, TenantId tenant, string courseId, string assessmentId, CancellationToken ct) =>
        store.QueryAsync(tenant, Containers.Submissions,
            new DocumentQuery(courseId, new Dictionary<string, string> { ["assessmentId"] = assessmentId, ["status"] = SubmissionStatus.Graded }), ct);

    /// <summary>
    /// The generation of a release request: the highest change-feed sequence among the pending submissions
    /// (0 when none). Asking again with nothing new gives the same generation, hence the same workflow
    /// instance; newly graded work gives a new one.
    /// </summary>
    public static long Generation(IReadOnlyList<StoredDocument> pending) => pending.Count == 0 ? 0 : pending.Max(p => p.Sequence);

    /// <summary>Sets the assessment's ReleasedAt unless already set, then lists what is waiting for release.</summary>
    public async Task<ReleaseBatch> MarkReleasedAsync(TenantId tenant, string assessmentId, CancellationToken ct)
    {
        var stored = await store.GetAsync<AssessmentRecord>(tenant, assessmentId, ct).ConfigureAwait(false);
        if (stored is null)
        {
            logger.LogInformation("Assessment {AssessmentId} in {TenantId} is gone; nothing to release", assessmentId, tenant);
            return new ReleaseBatch(assessmentId, false, []);
        }

        // First the one write that makes every graded result of the assessment visible at once; then the
        // write model's flag, which makes work graded from now on release when graded.
        var releasedAt = await AssessmentReleases.EnsureAsync(store, tenant, stored.Value, clock.GetUtcNow(), ct).ConfigureAwait(false);
        var marked = false;
        if (stored.Value.ReleasedAt is null)
        {
            Written.Ensure(await store.ReplaceAsync(tenant, stored.Value with { ReleasedAt = releasedAt }, stored.ETag, ct).ConfigureAwait(false));
            marked = true;
        }

        var pending = await PendingAsync(store, tenant, stored.Value.CourseId, assessmentId, ct).ConfigureAwait(false);
        logger.LogInformation("Releasing {Count} graded submissions of {AssessmentId} in {TenantId}", pending.Count, assessmentId, tenant);
        return new ReleaseBatch(assessmentId, marked, pending.Select(p => p.Id).ToList());
    }
}
