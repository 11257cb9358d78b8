using EdTech.Application.Caching;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;

namespace EdTech.Application.Projections;

/// <summary>
/// Per-assessment statistics, kept as one contribution per submission (its status, score and item
/// scores), so a regrade or a redelivered change replaces what that submission contributes rather than
/// adding to it. Contributions only move forward by the submission's change sequence; a change whose
/// submission is gone (erased) is skipped, and erasure deletes the student's contributions. The
/// statistics are aggregated from one assessment's contributions on read (and cached).
/// </summary>
public sealed class AssessmentStatisticsProjection(IDocumentStore store, TeacherQueryCache cache) : IChangeFeedHandler
{
    public string Name => ChangeFeedCatalog.AssessmentStatisticsProjection.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.AssessmentStatisticsProjection.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.AssessmentStatisticsProjection.Containers;

    public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken) =>
        CourseProjectionBatch.ApplyAsync(KeyedBatch.LatestVersions(changes), KeyedBatch.ById, ApplyAsync, cache, cancellationToken);

    /// <summary>Applies one change; returns the course whose statistics changed, or null.</summary>
    public async Task<string?> ApplyAsync(StoredDocument change, CancellationToken ct)
    {
        var s = TypedDocumentStore.Read<SubmissionRecord>(change).Value;
        var existing = await store.GetAsync<StatisticsContribution>(change.Tenant, s.Id, s.AssessmentId, ct).ConfigureAwait(false);
        if ((existing is not null && existing.Value.SourceSequence >= change.Sequence)
            || await store.GetAsync(change.Tenant, Storage.Containers.Submissions, change.Id, ct).ConfigureAwait(false) is null)
        {
            return null;
        }

        var answered = s.Answers.Where(a => a.Value is not null).Select(a => a.ItemId).ToHashSet(StringComparer.Ordinal);
        var items = (s.ItemScores ?? []).Select(i => new ItemContribution(i.ItemId, i.Score, !answered.Contains(i.ItemId))).ToList();
        var contribution = new StatisticsContribution(s.Id, s.AssessmentId, s.CourseId, s.UserId, s.Status, s.MaxScore, s.Score, items, change.Sequence, s.ReceivedAt);
        Written.Ensure(await store.ReplaceAsync(change.Tenant, contribution, existing?.ETag, ct).ConfigureAwait(false));
        return contribution.CourseId;
    }
}
