using System.Globalization;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Content.Tagging;

/// <summary>
/// GET /api/content/tagging-jobs/{jobId}: status, progress (<see cref="Done"/> of <see cref="Total"/> items finished,
/// <see cref="Failed"/> of them with an error) and one page of the suggestions stored so far, in the job's item order.
/// </summary>
/// <param name="ItemCount">v1: the job's item count (= <see cref="Total"/>).</param>
/// <param name="Items">The page's items that are finished (tagged, or with an error); unfinished ones are left out.</param>
/// <param name="Failures">The page's items that got an error instead of a suggestion, with the reason.</param>
/// <param name="Next">Token for the following page of the job's items; absent on the last page.</param>
public sealed record TaggingJobView(
    string JobId,
    TaggingJobStatus Status,
    string? CourseId,
    int ItemCount,
    IReadOnlyList<TagSuggestion> Items,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    int Total,
    int Done,
    int Failed,
    IReadOnlyList<TaggingFailure> Failures,
    string? Next);

public sealed record TaggingFailure(string AssessmentId, string ItemId, string Reason);

/// <summary>
/// Reads the job record (its counts), then only the chunk records of the requested window of the job's items
/// (<c>?limit=</c>, default 50, at most 200; <c>?next=</c> from the previous page): at most limit / chunk size + 1
/// point reads, whatever the job's size.
/// </summary>
public sealed class GetTaggingJobHandler(IDocumentStore store)
{
    public async Task<Outcome<TaggingJobView>> HandleAsync(Caller caller, string jobId, string? limit, string? next, CancellationToken ct)
    {
        if (!Domain.Tenancy.ResourceId.IsValid(jobId) || await store.GetAsync<TaggingJobRecord>(caller.Tenant, jobId, ct).ConfigureAwait(false) is not { } stored)
        {
            return Problem.NotFound("tagging job");
        }

        var job = stored.Value;
        var paging = PageRequest.Parse(limit, next);
        if (paging.Problem is { } bad)
        {
            return bad;
        }

        var start = 0;
        if (paging.Value!.AfterId is { } token && (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start > job.Total))
        {
            return Problem.Invalid("next", "Not a token this list gave out.");
        }

        var end = Math.Min(job.Total, start + paging.Value.Limit);
        var items = await WindowAsync(caller.Tenant, job, start, end, ct).ConfigureAwait(false);
        var failures = items.Where(i => i.Error is not null).Select(i => new TaggingFailure(i.AssessmentId, i.ItemId, i.Error!)).ToList();
        var after = end < job.Total ? PageRequest.TokenAfter(end.ToString(CultureInfo.InvariantCulture)) : null;
        return Outcome<TaggingJobView>.Ok(new TaggingJobView(job.Id, job.Status, job.CourseId, job.Total, items, job.CreatedAt, job.FinishedAt, job.Error,
            job.Total, Math.Min(job.DoneNow, job.Total), job.FailedNow, failures, after));
    }

    /// <summary>The finished items at positions [start, end) of the job.</summary>
    private async Task<List<TagSuggestion>> WindowAsync(Domain.Tenancy.TenantId tenant, TaggingJobRecord job, int start, int end, CancellationToken ct)
    {
        var chunks = new Dictionary<(int Page, int Chunk), TaggingChunkRecord?>();
        var items = new List<TagSuggestion>(end - start);
        for (var position = start; position < end; position++)
        {
            var page = position / job.PageSize;
            var offset = position % job.PageSize;
            (int Page, int Chunk) key = (page, offset / job.ChunkSize);
            if (!chunks.TryGetValue(key, out var chunk))
            {
                chunk = chunks[key] = (await store.GetAsync<TaggingChunkRecord>(tenant, TaggingChunkRecord.IdFor(job.Id, key.Page, key.Chunk), job.Id, ct).ConfigureAwait(false))?.Value;
            }

            var index = offset % job.ChunkSize;
            if (chunk is not null && index < chunk.Items.Count)
            {
                items.Add(chunk.Items[index]);
            }
        }

        return items;
    }
}
