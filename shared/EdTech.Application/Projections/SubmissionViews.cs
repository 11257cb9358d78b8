using EdTech.Application.Caching;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Projections;

/// <summary>
/// A submission's read side: the student's view and the course's gradebook row, written from one stored version of the
/// submission. Two writers share it: the feed projection (<see cref="SubmissionProjection"/>, every change, at least once) and
/// the grading batch right after its own writes (<see cref="ShowCurrentAsync"/>), so an exam's results are visible when they are
/// released instead of one feed delivery later. Both only move forward: a view by the submission's feed sequence, a gradebook
/// row by <see cref="Counts"/>; whichever comes second finds the same content and writes nothing (docs/projection-writes.md,
/// "Results shown by the grading batch").
/// </summary>
public sealed class SubmissionViews(IDocumentStore store, TeacherQueryCache cache)
{
    /// <summary>
    /// Reads each submission's current version and writes its view and gradebook row from it, then invalidates the cached teacher
    /// reads of the courses whose gradebook changed. A submission that is gone (erased) is skipped; a write refused by the erasure
    /// guard, or lost to a concurrent writer more than <see cref="ConflictAttempts"/> times, throws, and the feed projection, which
    /// sees the same version, writes it instead.
    /// </summary>
    public async Task ShowCurrentAsync(TenantId tenant, IReadOnlyList<string> submissionIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(submissionIds);
        var current = (await Task.WhenAll(submissionIds.Distinct(StringComparer.Ordinal).Select(id => store.GetAsync(tenant, Containers.Submissions, id, ct)))
            .ConfigureAwait(false)).OfType<StoredDocument>().OrderBy(d => d.Sequence).ToList();
        var submissions = current.ToDictionary<StoredDocument, StoredDocument, SubmissionRecord>(c => c, c => TypedDocumentStore.Read<SubmissionRecord>(c).Value, ReferenceEqualityComparer.Instance);
        await CourseProjectionBatch.ApplyAsync(current, c => GradebookKey(submissions[c]), (c, token) => ApplyAsync(c.Tenant, submissions[c], c.Sequence, stillThere: null, token), cache, ct)
            .ConfigureAwait(false);
    }

    /// <summary>Attempts of one student at one assessment share a gradebook row, so they are applied in order.</summary>
    internal static string GradebookKey(SubmissionRecord s) => GradebookEntry.IdFor(s.CourseId, s.UserId, s.AssessmentId);

    /// <summary>Tries of one version's view and row when another writer gets in between the read and the write.</summary>
    public const int ConflictAttempts = 3;

    /// <summary>
    /// Writes the view and the gradebook row of one version (feed position <paramref name="sequence"/>) where they do not show it
    /// yet; returns the course whose gradebook changed, or null. Both are read first (together); only when one needs a write is
    /// <paramref name="stillThere"/> asked (the projection's guard against re-creating an erased submission's rows: a point read it
    /// saves whenever the grading batch already showed the version). A write lost to the other writer (the feed projection and a
    /// grading or release batch showing the same submission at once) reads both again and decides again, up to
    /// <see cref="ConflictAttempts"/> times: usually the other writer wrote the same version and there is nothing left to do. Before,
    /// the conflict failed the whole batch's showing or the projection's delivery (30 of 1,000 release pages at 100,000).
    /// </summary>
    internal async Task<string?> ApplyAsync(TenantId tenant, SubmissionRecord submission, long sequence, Func<CancellationToken, Task<bool>>? stillThere, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyOnceAsync(tenant, submission, sequence, stillThere, ct).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException) when (attempt < ConflictAttempts)
            {
                // Read again: the other writer's version decides whether anything is left to write.
            }
        }
    }

    private async Task<string?> ApplyOnceAsync(TenantId tenant, SubmissionRecord submission, long sequence, Func<CancellationToken, Task<bool>>? stillThere, CancellationToken ct)
    {
        var view = ToView(submission, sequence);
        var entry = new GradebookEntry(GradebookEntry.IdFor(submission.CourseId, submission.UserId, submission.AssessmentId), submission.CourseId,
            submission.UserId, submission.AssessmentId, submission.Id, submission.Status, submission.ReceivedAt, submission.MaxScore, submission.Score, sequence);
        var viewRead = store.GetAsync<SubmissionViewRecord>(tenant, view.Id, view.PartitionKey, ct);
        var rowRead = store.GetAsync<GradebookEntry>(tenant, entry.Id, ct);
        var (storedView, storedRow) = (await viewRead.ConfigureAwait(false), await rowRead.ConfigureAwait(false));
        // A view only moves forward by sequence; the same content is not rewritten.
        var writeView = storedView is null || (storedView.Value.SourceSequence < view.SourceSequence && !SameContent(storedView.Value, view));
        // A row that already shows this (a redelivered change, two versions of a submission that show the same, or the grading
        // batch's write of the version this change is) is not rewritten; nor is a newer version's row by an older version.
        var writeRow = storedRow is null || (!SameContent(storedRow.Value, entry) && Counts(entry, storedRow.Value));
        if (!(writeView || writeRow) || (stillThere is not null && !await stillThere(ct).ConfigureAwait(false)))
        {
            return null;
        }

        if (writeView)
        {
            await WriteAsync(tenant, view, storedView, ct).ConfigureAwait(false);
        }

        if (writeRow)
        {
            await WriteAsync(tenant, entry, storedRow, ct).ConfigureAwait(false);
            return submission.CourseId;
        }

        return null;
    }

    /// <summary>Writes over exactly what was read (<see cref="TypedDocumentStore.WriteOverAsync"/>); a race with the other writer throws a conflict.</summary>
    private async Task WriteAsync<T>(TenantId tenant, T record, Versioned<T>? read, CancellationToken ct)
        where T : class, IStoredRecord
    {
        if (!await store.WriteOverAsync(tenant, record, read, ct).ConfigureAwait(false))
        {
            throw new ConcurrencyConflictException($"A concurrent write changed the {typeof(T).Name}; retry.");
        }
    }

    public static SubmissionViewRecord ToView(SubmissionRecord s, long sequence) =>
        new(s.Id, s.AssessmentId, s.CourseId, s.UserId, s.Status, s.Late, s.ReceivedAt, s.MaxScore, s.Score, sequence,
            RubricItems: s.ItemScores?.Where(i => i.Rubric is not null).ToList() is { Count: > 0 } rubricItems ? rubricItems : null);

    /// <summary>
    /// Whether the stored view already shows what <paramref name="view"/> shows (only the source sequence differs): then it is
    /// not rewritten. The common cases: the accepted change of a submission whose view the submit itself wrote (sequence 0), and
    /// the released change of one whose view the grading batch already wrote. Skipping keeps the older sequence, which is safe: a
    /// later change with other content has a higher sequence and is written, and a redelivered older change shows the same content.
    /// Rubric items are compared by reference (a list): views that carry them are rewritten, as before.
    /// </summary>
    public static bool SameContent(SubmissionViewRecord stored, SubmissionViewRecord view) =>
        stored with { SourceSequence = view.SourceSequence } == view;

    /// <summary>Whether the stored row shows what <paramref name="entry"/> shows (only the source sequence may differ).</summary>
    public static bool SameContent(GradebookEntry stored, GradebookEntry entry) =>
        stored with { SourceSequence = entry.SourceSequence } == entry;

    /// <summary>Whether <paramref name="candidate"/> should replace <paramref name="current"/> as the attempt that counts.</summary>
    public static bool Counts(GradebookEntry candidate, GradebookEntry current)
    {
        if (candidate.SubmissionId == current.SubmissionId)
        {
            // The same attempt: a later version of it (rows written before the sequence was kept have 0).
            return candidate.SourceSequence >= current.SourceSequence;
        }

        var candidateGraded = candidate.Status.IsFinished();
        var currentGraded = current.Status.IsFinished();
        if (candidateGraded != currentGraded)
        {
            return candidateGraded;
        }

        // The later attempt; two submitted at the same instant are ordered by id, so the row does not depend on the order its
        // writers come in (the feed projection and the grading batch, or a batch run twice).
        var order = candidate.SubmittedAt.CompareTo(current.SubmittedAt);
        return order != 0 ? order > 0 : string.CompareOrdinal(candidate.SubmissionId, current.SubmissionId) > 0;
    }
}
