using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Content.Tagging;

/// <summary>The tagging job's steps, each idempotent (the durable activities call them; replays rewrite the same documents).</summary>
public sealed class TaggingJobSteps(IDocumentStore store, IEnumerable<IChatClient> chat, ILogger<ItemTagger> logger, TimeProvider clock)
{
    // Optional: with no chat model configured, POST answers 503 and this step is never scheduled.
    private readonly IChatClient? _chat = chat.FirstOrDefault();

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
        var tagger = new ItemTagger(_chat ?? throw new InvalidOperationException("No chat model is configured (OpenAI:Endpoint)."), logger);
        var assessments = new Dictionary<string, AssessmentRecord?>(StringComparer.Ordinal);
        var results = new List<TagSuggestion>(items.Count);
        foreach (var target in items)
        {
            if (!assessments.TryGetValue(target.AssessmentId, out var assessment))
            {
                assessment = assessments[target.AssessmentId] = (await store.GetAsync<AssessmentRecord>(tenant, target.AssessmentId, ct).ConfigureAwait(false))?.Value;
            }

            var item = assessment?.Assessment.Items.FirstOrDefault(i => i.Id == target.ItemId);
            results.Add(await tagger.TagAsync(target, item, ct).ConfigureAwait(false));
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
