using EdTech.Application.Content.Suggestions;
using EdTech.Application.Content.Taxonomy;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Tagging;

/// <summary>Finished and failed items (of a chunk, or of a job so far).</summary>
public sealed record TaggingProgress(int Done, int Failed);

/// <summary>The tagging job's steps, each idempotent (the durable activities call them; replays rewrite the same documents).</summary>
public sealed class TaggingJobSteps(IDocumentStore store, ISkillTagger tagger, SkillTaxonomyStore taxonomies, ItemSuggestions suggestions, TimeProvider clock)
{
    private const int MaxAttempts = 10;

    public Task MarkRunningAsync(TenantId tenant, string jobId, CancellationToken ct) =>
        UpdateAsync(tenant, jobId, job => job.Status == TaggingJobStatus.Queued ? job with { Status = TaggingJobStatus.Running } : null, ct);

    public Task MarkFinishedAsync(TenantId tenant, string jobId, string? error, CancellationToken ct) =>
        UpdateAsync(tenant, jobId, job => job.FinishedAt is not null ? null : job with
        {
            Status = error is null ? TaggingJobStatus.Completed : TaggingJobStatus.Failed,
            FinishedAt = clock.GetUtcNow(),
            Error = error,
        }, ct);

    /// <summary>
    /// Tags chunk <paramref name="chunk"/> of page <paramref name="page"/> (its slice of the page's refs, the only refs it
    /// loads), stores its suggestions, then records the chunk's tally on the job: a replay rewrites the same chunk record
    /// and replaces the same tally, so progress never counts a chunk twice.
    /// </summary>
    public async Task<TaggingProgress> TagChunkAsync(TenantId tenant, string jobId, int page, int chunk, CancellationToken ct)
    {
        var job = await LoadAsync(tenant, jobId, ct).ConfigureAwait(false);
        var refs = await store.GetAsync<TaggingPageRecord>(tenant, TaggingPageRecord.IdFor(jobId, page), jobId, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Tagging job {jobId} has no page {page}.");
        var items = refs.Value.Items.Skip(chunk * job.ChunkSize).Take(job.ChunkSize).ToList();
        var taxonomy = await taxonomies.LoadAsync(tenant, ct).ConfigureAwait(false);
        var assessments = new Dictionary<string, AssessmentRecord?>(StringComparer.Ordinal);
        var results = new List<TagSuggestion>(items.Count);
        foreach (var target in items)
        {
            if (!assessments.TryGetValue(target.AssessmentId, out var assessment))
            {
                assessment = assessments[target.AssessmentId] = (await store.GetAsync<AssessmentRecord>(tenant, target.AssessmentId, ct).ConfigureAwait(false))?.Value;
            }

            if (assessment?.Assessment.Items.FirstOrDefault(i => i.Id == target.ItemId) is not { } item)
            {
                results.Add(new TagSuggestion(target.ItemId, target.AssessmentId, [], null, null, "The item no longer exists."));
                continue;
            }

            var suggestion = await tagger.TagAsync(taxonomy, target, item, ct).ConfigureAwait(false);
            // Also the item's current suggestion for review (a job is an explicit ask: it replaces the earlier one, decided or not).
            await suggestions.SaveAsync(tenant, assessment, item, suggestion, jobId, ct).ConfigureAwait(false);
            results.Add(suggestion);
        }

        await store.ReplaceAsync(tenant, new TaggingChunkRecord(TaggingChunkRecord.IdFor(jobId, page, chunk), jobId, page, chunk, results), ifMatch: null, ct).ConfigureAwait(false);
        var tally = new TaggingChunkTally(chunk, results.Count, results.Count(r => r.Error is not null));
        await UpdateAsync(tenant, jobId, j => j.PagesDone != page || j.FinishedAt is not null ? null : j with
        {
            Tallies = [.. (j.Tallies ?? []).Where(t => t.Chunk != chunk), tally],
        }, ct).ConfigureAwait(false);
        return new TaggingProgress(tally.Done, tally.Failed);
    }

    /// <summary>
    /// Folds the finished page's tallies into the job's counts and moves on to the next page (once: a replay finds the
    /// page already folded); returns the job's counts so far.
    /// </summary>
    public async Task<TaggingProgress> FinishPageAsync(TenantId tenant, string jobId, int page, CancellationToken ct)
    {
        await UpdateAsync(tenant, jobId, j => j.PagesDone != page ? null : j with
        {
            PagesDone = page + 1,
            ItemsDone = j.DoneNow,
            ItemsFailed = j.FailedNow,
            Tallies = null,
        }, ct).ConfigureAwait(false);
        var job = await LoadAsync(tenant, jobId, ct).ConfigureAwait(false);
        return new TaggingProgress(job.DoneNow, job.FailedNow);
    }

    private async Task<TaggingJobRecord> LoadAsync(TenantId tenant, string jobId, CancellationToken ct) =>
        (await store.GetAsync<TaggingJobRecord>(tenant, jobId, ct).ConfigureAwait(false))?.Value
        ?? throw new InvalidOperationException($"Tagging job {jobId} is missing.");

    /// <summary>Read, change, write with the ETag; chunks of a page update the job side by side, so a lost race reads again.</summary>
    private async Task UpdateAsync(TenantId tenant, string jobId, Func<TaggingJobRecord, TaggingJobRecord?> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), ct).ConfigureAwait(false);
            }

            var stored = await store.GetAsync<TaggingJobRecord>(tenant, jobId, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Tagging job {jobId} is missing.");
            if (change(stored.Value) is not { } next)
            {
                return;
            }

            var (status, _) = await store.ReplaceAsync(tenant, next, stored.ETag, ct).ConfigureAwait(false);
            if (status != WriteStatus.PreconditionFailed)
            {
                return;
            }
        }

        throw new InvalidOperationException($"Tagging job {jobId} kept changing under its update.");
    }
}
