using EdTech.Application.Content.Suggestions;
using EdTech.Application.Content.Taxonomy;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Tagging;

/// <summary>The tagging job's steps, each idempotent (the durable activities call them; replays rewrite the same documents).</summary>
public sealed class TaggingJobSteps(IDocumentStore store, ISkillTagger tagger, SkillTaxonomyStore taxonomies, ItemSuggestions suggestions, TimeProvider clock)
{
    public Task MarkRunningAsync(TenantId tenant, string jobId, CancellationToken ct) =>
        SetStatusAsync(tenant, jobId, job => job.Status == TaggingJobRecord.Queued ? job with { Status = TaggingJobRecord.Running } : null, ct);

    public Task MarkFinishedAsync(TenantId tenant, string jobId, string? error, CancellationToken ct) =>
        SetStatusAsync(tenant, jobId, job => job.FinishedAt is not null ? null : job with
        {
            Status = error is null ? TaggingJobRecord.Completed : TaggingJobRecord.Failed,
            FinishedAt = clock.GetUtcNow(),
            Error = error,
        }, ct);

    /// <summary>Tags one chunk and stores its suggestions; returns how many items got an error.</summary>
    public async Task<int> TagChunkAsync(TenantId tenant, string jobId, int chunk, IReadOnlyList<TaggingItemRef> items, CancellationToken ct)
    {
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

        await store.ReplaceAsync(tenant, new TaggingChunkRecord(TaggingChunkRecord.IdFor(jobId, chunk), jobId, chunk, results), ifMatch: null, ct).ConfigureAwait(false);
        return results.Count(r => r.Error is not null);
    }

    private async Task SetStatusAsync(TenantId tenant, string jobId, Func<TaggingJobRecord, TaggingJobRecord?> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
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

        throw new InvalidOperationException($"Tagging job {jobId} kept changing under its status update.");
    }
}
