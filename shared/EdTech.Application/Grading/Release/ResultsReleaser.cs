using EdTech.Domain.Serialization;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Grading.Release;

/// <summary>What the first ReleaseResults step did; <paramref name="CourseId"/> is null when the assessment is gone (nothing to release).</summary>
public sealed record ReleaseMark(string AssessmentId, bool Marked, string? CourseId);

/// <summary>One page of graded-not-released submissions by its bounds: ids after the cursor through <paramref name="ThroughId"/>, <paramref name="Count"/> of them (never empty).</summary>
public sealed record ReleasePage(string ThroughId, int Count);

/// <summary>
/// The I/O behind releasing an assessment's results. Marking is idempotent (the release record is created
/// once, then ReleasedAt set once with an ETag write); each submission is then released by the idempotent
/// ReleaseIfDue step (bookkeeping: students already see their scores from the release record on), page by
/// page: the steps exchange only a page's id bounds and counts, never the list of every submission.
/// </summary>
public sealed class ResultsReleaser(IDocumentStore store, TimeProvider clock, ILogger<ResultsReleaser> logger)
{
    private const int MarkAttempts = 5;

    /// <summary>Graded-not-released submissions of the assessment (one partition: its course), in id order.</summary>
    public static Task<IReadOnlyList<StoredDocument>> PendingAsync(IDocumentStore store, TenantId tenant, string courseId, string assessmentId, CancellationToken ct) =>
        store.QueryAsync(tenant, Containers.Submissions,
            new DocumentQuery(courseId, new Dictionary<string, string> { ["assessmentId"] = assessmentId, ["status"] = SubmissionStatus.Graded.Wire() }), ct);

    /// <summary>At most <paramref name="size"/> graded-not-released submissions with ids after <paramref name="afterId"/>, in id order.</summary>
    public static Task<IReadOnlyList<StoredDocument>> PendingPageAsync(
        IDocumentStore store, TenantId tenant, string courseId, string assessmentId, string? afterId, int size, CancellationToken ct) =>
        store.QueryAsync(tenant, Containers.Submissions, new DocumentQuery(
            courseId, new Dictionary<string, string> { ["assessmentId"] = assessmentId, ["status"] = SubmissionStatus.Graded.Wire() }, size, afterId), ct);

    /// <summary>
    /// The generation of a release request: the highest change-feed sequence among the pending submissions
    /// (0 when none). Asking again with nothing new gives the same generation, hence the same workflow
    /// instance; newly graded work gives a new one.
    /// </summary>
    public static long Generation(IReadOnlyList<StoredDocument> pending) => pending.Count == 0 ? 0 : pending.Max(p => p.Sequence);

    /// <summary>
    /// Writes the release record and sets the assessment's ReleasedAt unless already set (the teacher's "release now"
    /// writes both before its 202, so they are the durable request; ReleaseResults' first step repeats them as a no-op).
    /// A concurrent write of the assessment (an edit) is retried a few times, then surfaces so the caller's retry runs.
    /// The submissions waiting for release are then paged (<see cref="NextPagesAsync"/>).
    /// </summary>
    public async Task<ReleaseMark> MarkReleasedAsync(TenantId tenant, string assessmentId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.GetAsync<AssessmentRecord>(tenant, assessmentId, ct).ConfigureAwait(false);
            if (stored is null)
            {
                logger.LogInformation("Assessment {AssessmentId} in {TenantId} is gone; nothing to release", assessmentId, tenant);
                return new ReleaseMark(assessmentId, false, null);
            }

            // First the one write that makes every graded result of the assessment visible at once; then the
            // write model's flag, which makes work graded from now on release when graded.
            var releasedAt = await AssessmentReleases.EnsureAsync(store, tenant, stored.Value, clock.GetUtcNow(), ct).ConfigureAwait(false);
            var marked = false;
            if (stored.Value.ReleasedAt is null)
            {
                var written = await store.ReplaceAsync(tenant, stored.Value with { ReleasedAt = releasedAt }, stored.ETag, ct).ConfigureAwait(false);
                if (written.Status == WriteStatus.PreconditionFailed && attempt < MarkAttempts)
                {
                    continue;
                }

                Written.Ensure(written);
                marked = true;
            }

            logger.LogInformation("Releasing the graded submissions of {AssessmentId} in {TenantId} (marked now: {Marked})", assessmentId, tenant, marked);
            return new ReleaseMark(assessmentId, marked, stored.Value.CourseId);
        }
    }

    /// <summary>
    /// The bounds of the next pages of submissions waiting for release after <paramref name="afterId"/>: at most
    /// <paramref name="pages"/> pages of at most <paramref name="size"/> each, from one keyset query (a listing step per
    /// page made the listing the release's critical path: each step replays the workflow's whole history). Fewer than
    /// asked, or a short last page, means the listing has reached the end.
    /// </summary>
    public async Task<IReadOnlyList<ReleasePage>> NextPagesAsync(
        TenantId tenant, string courseId, string assessmentId, string? afterId, int size, int pages, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pages, 1);
        var limit = (int)Math.Min(int.MaxValue, (long)size * pages);
        var pending = await PendingPageAsync(store, tenant, courseId, assessmentId, afterId, limit, ct).ConfigureAwait(false);
        return [.. pending.Chunk(size).Select(page => new ReleasePage(page[^1].Id, page.Length))];
    }
}
