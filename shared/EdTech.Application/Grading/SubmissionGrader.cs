using EdTech.Domain.Serialization;
using EdTech.Application.Audit;
using EdTech.Application.Grading.Regrade;
using EdTech.Application.Grading.Release;
using EdTech.Application.Outbox;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Telemetry;
using EdTech.Domain.Grading;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Grading;

/// <summary>
/// The I/O behind the grading activities. Each step is idempotent: it reads the submission's state
/// and only moves it forward, so at-least-once activities give exactly-once effects. Each grade change
/// is audited before it is written (write-ahead: no change without its entry; a retry appends nothing,
/// the entry id being derived from submission and step). A missing submission was erased: nothing to do.
/// </summary>
public sealed class SubmissionGrader(IDocumentStore store, IAuditLog audit, IntegrationEventOutbox events, TimeProvider clock, ILogger<SubmissionGrader> logger)
{
    /// <summary>Grades the submission; reports it erased when it is gone or its student was erased meanwhile (nothing of it is left written).</summary>
    public async Task<GradingResult> AutoGradeAsync(TenantId tenant, string submissionId, CancellationToken ct) =>
        (await AutoGradeManyAsync(tenant, [submissionId], ct).ConfigureAwait(false))[0];

    /// <summary>
    /// One grading batch (the GradeBatch activity): <see cref="AutoGradeManyAsync"/>, then, for each submission left graded but
    /// unreleased, <see cref="ReleaseIfDueAsync"/> (what the per-submission workflow's second step does, read after the grade's write).
    /// Results in input order.
    /// </summary>
    public async Task<IReadOnlyList<GradingResult>> GradeBatchAsync(TenantId tenant, IReadOnlyList<string> submissionIds, CancellationToken ct)
    {
        var graded = await AutoGradeManyAsync(tenant, submissionIds, ct).ConfigureAwait(false);
        var assessments = new AssessmentReads(store, tenant, ct);
        return await Task.WhenAll(graded.Select(r => r.Status == SubmissionStatus.Graded ? ReleaseIfDueAsync(tenant, r.SubmissionId, assessments, ct) : Task.FromResult(r)))
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Grades one tenant's submissions exactly as each would be graded alone (same status check and ETag, same write-ahead ids, same
    /// erasure guard), reading each distinct assessment once and writing concurrently, so the store's group commit makes the batch's
    /// writes about one transaction. The catch-up on a concurrent answer-key edit reads the assessments again once every grade is
    /// written (a read after each write, as for one submission). Results in input order.
    /// </summary>
    public async Task<IReadOnlyList<GradingResult>> AutoGradeManyAsync(TenantId tenant, IReadOnlyList<string> submissionIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(submissionIds);
        var before = new AssessmentReads(store, tenant, ct);
        var written = await Task.WhenAll(submissionIds.Select(id => UnlessErasedAsync(id, () => AutoGradeCoreAsync(tenant, id, before, ct)))).ConfigureAwait(false);
        var after = new AssessmentReads(store, tenant, ct);
        return await Task.WhenAll(written.Select((w, i) => w.Stored is null
            ? Task.FromResult(w.Result!)
            : UnlessErasedAsync(submissionIds[i], async () => ToResult(await CatchUpWithNewKeyAsync(tenant, w.Stored, after, ct).ConfigureAwait(false))))).ConfigureAwait(false);
    }

    /// <summary>
    /// A write refused by the erasure guard means the student was erased while this step ran: the guard has undone the write,
    /// and the erasure deletes the rest, so the step ends as for a submission already gone (no retry that could only fail again).
    /// </summary>
    private async Task<GradingResult> UnlessErasedAsync(string submissionId, Func<Task<GradingResult>> step)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (SubjectErasedException)
        {
            logger.LogInformation("Submission {SubmissionId}: its student was erased during the step; dropped", submissionId);
            return GradingResult.Erased(submissionId);
        }
    }

    private async Task<Graded> UnlessErasedAsync(string submissionId, Func<Task<Graded>> step)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (SubjectErasedException)
        {
            logger.LogInformation("Submission {SubmissionId}: its student was erased during the step; dropped", submissionId);
            return new Graded(null, GradingResult.Erased(submissionId));
        }
    }

    /// <summary>The grade step's outcome: the stored submission to catch up, or (gone, erased) the final result.</summary>
    private sealed record Graded(Versioned<SubmissionRecord>? Stored, GradingResult? Result);

    private async Task<Graded> AutoGradeCoreAsync(TenantId tenant, string submissionId, AssessmentReads assessments, CancellationToken ct)
    {
        // Plain locals, not a positional pattern: a mutant of the pattern leaves them unassigned (CS0165), so Stryker could not compile the mutants of these checks.
        var loaded = await LoadAsync(tenant, submissionId, ct).ConfigureAwait(false);
        if (loaded is null)
        {
            return new Graded(null, GradingResult.Erased(submissionId));
        }

        var (submission, etag, traceParent) = loaded.Value;
        if (submission.Status is not (SubmissionStatus.Accepted or SubmissionStatus.Grading))
        {
            // A retry after a lost catch-up write lands here: catch up now (a no-op when already at the current version).
            return new Graded(new Versioned<SubmissionRecord>(submission, etag, 0, traceParent), null);
        }

        var assessment = await assessments.GetAsync(submission).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Assessment {submission.AssessmentId} of submission {submissionId} is missing.");
        var answers = submission.Answers.Where(a => a.Value is not null).ToDictionary(a => a.ItemId, a => a.Value!, StringComparer.Ordinal);
        var outcome = AssessmentGrader.Grade(assessment.Value.Assessment, answers);
        var now = clock.GetUtcNow();
        var grade = SubmissionGrade.AutoGraded(assessment.Value.Assessment, outcome, submission.ReceivedAt, submission.ExtendedDeadline, now);
        var graded = submission.WithGrade(grade) with { GradedVersion = assessment.Value.Version };

        // Release in the same write when the policy already says so (immediate, or graded after the release time):
        // one store change and one durable step fewer per submission at the peak.
        var releaseNow = graded.Status == SubmissionStatus.Graded && await assessments.DueAsync(assessment.Value, () => DueForReleaseAsync(tenant, assessment.Value, now, ct)).ConfigureAwait(false);
        var final = releaseNow ? graded with { Status = SubmissionStatus.Released, ReleasedAt = now } : graded;
        // Write-ahead, in parallel (one group commit): the grade's audit entry and event; a release in the same write folds its
        // audit entry and its event into the grade's (one document each, expanded by every reader: docs/grading.md "Folded
        // writes"), and the event's document carries the student's notification (one outbox write, not two).
        Task[] writeAhead = releaseNow
            ? [audit.AppendAsync(tenant, GradeAudit.AutoGradedAndReleased(submission, graded, now), ct),
               events.WriteAsync(tenant, IntegrationEventFolds.Carrying(IntegrationEvents.GradedAndReleased(submission, final, now), ResultsReleasedNotification(final, assessment.Value, now)), ct)]
            : [audit.AppendAsync(tenant, GradeAudit.AutoGraded(submission, graded, now), ct),
               events.WriteAsync(tenant, IntegrationEvents.GradeChanged(submission, final, IntegrationEvents.AutoGradeCause, now), ct)];
        await Task.WhenAll(writeAhead).ConfigureAwait(false);
        // Written under a span of the submission's own trace (its stored context), whatever batch grades it (SubmissionSpans).
        (WriteStatus Status, Versioned<SubmissionRecord>? Stored) written;
        using (releaseNow ? SubmissionSpans.StartReleased(tenant, submissionId, traceParent) : SubmissionSpans.StartGraded(tenant, submissionId, traceParent, releaseDeferred: true))
        {
            written = await store.ReplaceAsync(tenant, final, etag, ct).ConfigureAwait(false);
        }

        Written.Ensure(written);
        SubmissionMetrics.GradeWritten(final, now);
        logger.LogInformation("Graded {SubmissionId} in {TenantId}: {Status} {Score}/{MaxScore}", submissionId, tenant, final.Status.Wire(), final.Score, final.MaxScore);
        return new Graded(written.Stored!, null);
    }

    /// <summary>
    /// An edit may have made a new version while this step graded with the old one, and its regrade may
    /// already have passed this submission (it skips ungraded work). Checked after the write: an edit
    /// written later starts a regrade that finds this grade; one written earlier is applied here.
    /// </summary>
    private async Task<SubmissionRecord> CatchUpWithNewKeyAsync(TenantId tenant, Versioned<SubmissionRecord> graded, AssessmentReads assessments, CancellationToken ct)
    {
        var current = await assessments.GetAsync(graded.Value).ConfigureAwait(false);
        if (current is null)
        {
            return graded.Value;
        }

        var regraded = SubmissionRegrade.Apply(graded.Value, current.Value.Assessment, current.Value.Version);
        if (regraded is null)
        {
            return graded.Value;
        }

        var now = clock.GetUtcNow();
        await Task.WhenAll(
            audit.AppendAsync(tenant, GradeAudit.Regraded(graded.Value, regraded, current.Value.Version, now), ct),
            events.WriteAsync(tenant, IntegrationEvents.GradeChanged(graded.Value, regraded, IntegrationEvents.RegradeCause(current.Value.Version), now), ct)).ConfigureAwait(false);
        using (SubmissionSpans.StartGraded(tenant, graded.Value.Id, graded.TraceParent))
        {
            Written.Ensure(await store.ReplaceAsync(tenant, regraded, graded.ETag, ct).ConfigureAwait(false));
        }

        logger.LogInformation("Regraded {SubmissionId} in {TenantId} to version {Version} right after grading", graded.Value.Id, tenant, current.Value.Version);
        return regraded;
    }

    /// <summary>Releases a graded submission when its assessment's release time has come.</summary>
    public Task<GradingResult> ReleaseIfDueAsync(TenantId tenant, string submissionId, CancellationToken ct) =>
        ReleaseIfDueAsync(tenant, submissionId, new AssessmentReads(store, tenant, ct), ct);

    /// <summary>
    /// <see cref="ReleaseIfDueAsync(TenantId, string, CancellationToken)"/> with the assessments of one batch or page read once
    /// (and their due check made once): a 100,000-submission release read and parsed its assessment 100,000 times.
    /// </summary>
    private Task<GradingResult> ReleaseIfDueAsync(TenantId tenant, string submissionId, AssessmentReads assessments, CancellationToken ct) =>
        UnlessErasedAsync(submissionId, () => ReleaseIfDueCoreAsync(tenant, submissionId, assessments, ct));

    private async Task<GradingResult> ReleaseIfDueCoreAsync(TenantId tenant, string submissionId, AssessmentReads assessments, CancellationToken ct)
    {
        var loaded = await LoadAsync(tenant, submissionId, ct).ConfigureAwait(false);
        if (loaded is null)
        {
            return GradingResult.Erased(submissionId);
        }

        var (submission, etag, traceParent) = loaded.Value;
        if (submission.Status != SubmissionStatus.Graded)
        {
            return ToResult(submission);
        }

        var assessment = await assessments.GetAsync(submission).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (assessment is null || !await assessments.DueAsync(assessment.Value, () => DueForReleaseAsync(tenant, assessment.Value, now, ct)).ConfigureAwait(false))
        {
            return ToResult(submission);
        }

        var released = submission with { Status = SubmissionStatus.Released, ReleasedAt = now };
        // Both ahead of the release write (write-ahead), in parallel: they share a group commit.
        await Task.WhenAll(ReleaseWriteAhead(tenant, submission, released, assessment.Value, now, ct)).ConfigureAwait(false);
        using (SubmissionSpans.StartReleased(tenant, submissionId, traceParent))
        {
            Written.Ensure(await store.ReplaceAsync(tenant, released, etag, ct).ConfigureAwait(false));
        }

        SubmissionMetrics.Released(released, now);
        logger.LogInformation("Released {SubmissionId} in {TenantId}", submissionId, tenant);
        return ToResult(released);
    }

    /// <summary>
    /// Whether the assessment's results are due at <paramref name="now"/>. Due by time but not yet released by anyone
    /// (graded after the release time, before the release job ran) under an atomic policy: writes its release record
    /// first, so this student never sees a score before the others. (ReleasedAt set means ReleaseResults already wrote
    /// the record: it writes the record first.)
    /// </summary>
    private async Task<bool> DueForReleaseAsync(TenantId tenant, AssessmentRecord assessment, DateTimeOffset now, CancellationToken ct)
    {
        if (!assessment.Assessment.IsReleasedAt(now, assessment.ReleasedAt is not null))
        {
            return false;
        }

        if (assessment.ReleasedAt is null && AssessmentReleases.IsAtomic(assessment.Assessment))
        {
            await AssessmentReleases.EnsureAsync(store, tenant, assessment, now, ct).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>What a release writes ahead of the submission's own write: its audit entry, and the integration event carrying the student's notification.</summary>
    private Task[] ReleaseWriteAhead(TenantId tenant, SubmissionRecord graded, SubmissionRecord released, AssessmentRecord assessment, DateTimeOffset now, CancellationToken ct) =>
        [audit.AppendAsync(tenant, GradeAudit.Released(graded, now), ct),
         events.WriteAsync(tenant, IntegrationEventFolds.Carrying(IntegrationEvents.ResultsReleased(released, now), ResultsReleasedNotification(released, assessment, now)), ct)];

    /// <summary>
    /// One ReleaseResults chunk: <see cref="ReleaseIfDueAsync"/> for each submission, concurrently (their writes share
    /// group commits). Returns how many are released. A failure fails the whole step; its retry redoes only what is left.
    /// </summary>
    public async Task<int> ReleaseManyAsync(TenantId tenant, IReadOnlyList<string> submissionIds, CancellationToken ct) =>
        (await ReleaseEachAsync(tenant, submissionIds, ct).ConfigureAwait(false)).Count;

    /// <summary>
    /// One page of a release: the assessment's graded submissions with ids in (<paramref name="afterId"/>, <paramref name="throughId"/>],
    /// read again here (the step's input is the page's bounds, not its ids), each released by <see cref="ReleaseIfDueAsync"/>.
    /// Returns the ids of those released (the release step shows them in the views and the gradebook).
    /// </summary>
    public async Task<IReadOnlyList<string>> ReleaseRangeAsync(
        TenantId tenant, string courseId, string assessmentId, string? afterId, string throughId, int size, CancellationToken ct)
    {
        var page = await ResultsReleaser.PendingPageAsync(store, tenant, courseId, assessmentId, afterId, size, ct).ConfigureAwait(false);
        var ids = page.Select(d => d.Id).TakeWhile(id => string.CompareOrdinal(id, throughId) <= 0).ToList();
        return await ReleaseEachAsync(tenant, ids, ct).ConfigureAwait(false);
    }

    /// <summary><see cref="ReleaseIfDueAsync"/> for each submission, concurrently; the ids of those released, in input order.</summary>
    private async Task<IReadOnlyList<string>> ReleaseEachAsync(TenantId tenant, IReadOnlyList<string> submissionIds, CancellationToken ct)
    {
        var assessments = new AssessmentReads(store, tenant, ct);
        var results = await Task.WhenAll(submissionIds.Select(id => ReleaseIfDueAsync(tenant, id, assessments, ct))).ConfigureAwait(false);
        return [.. results.Where(r => r.Status == SubmissionStatus.Released).Select(r => r.SubmissionId)];
    }

    private async Task<(SubmissionRecord Submission, string ETag, string? TraceParent)?> LoadAsync(TenantId tenant, string submissionId, CancellationToken ct)
    {
        var stored = await store.GetAsync<SubmissionRecord>(tenant, submissionId, ct).ConfigureAwait(false);
        if (stored is null)
        {
            // Submissions are never deleted except by a student's erasure; grading must not resurrect one.
            logger.LogInformation("Submission {SubmissionId} in {TenantId} is gone (erased); nothing to grade", submissionId, tenant);
            return null;
        }

        return (stored.Value, stored.ETag, stored.TraceParent);
    }

    /// <summary>Written ahead of the release write (as the audit entry is), so a retried step still announces it; the id makes it once.</summary>
    public static NotificationRecord ResultsReleasedNotification(SubmissionRecord s, AssessmentRecord assessment, DateTimeOffset at) =>
        new($"{NotificationKinds.ResultsReleased}:{s.Id}", s.UserId, NotificationKinds.ResultsReleased, $"Your result for {assessment.Assessment.Title} is available",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["submissionId"] = s.Id, ["assessmentId"] = s.AssessmentId, ["courseId"] = s.CourseId }, at);

    private static GradingResult ToResult(SubmissionRecord s) => new(s.Id, s.Status, s.Score, s.MaxScore);
}
