using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Content.Tagging;

/// <summary>GET /api/content/tagging-jobs/{jobId}: status and the suggestions stored so far, in the job's item order.</summary>
public sealed record TaggingJobView(string JobId, string Status, string? CourseId, int ItemCount, IReadOnlyList<TagSuggestion> Items, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? Error);

public sealed class GetTaggingJobHandler(IDocumentStore store)
{
    public async Task<Outcome<TaggingJobView>> HandleAsync(Caller caller, string jobId, CancellationToken ct)
    {
        if (!Domain.Tenancy.ResourceId.IsValid(jobId) || await store.GetAsync<TaggingJobRecord>(caller.Tenant, jobId, ct).ConfigureAwait(false) is not { } stored)
        {
            return Problem.NotFound("tagging job");
        }

        var job = stored.Value;
        var chunks = await store.QueryAsync<TaggingChunkRecord>(caller.Tenant, DocumentQuery.Where("jobId", jobId, partition: jobId), ct).ConfigureAwait(false);
        var found = chunks.SelectMany(c => c.Value.Items).ToDictionary(s => (s.AssessmentId, s.ItemId));
        var items = job.Items.Where(i => found.ContainsKey((i.AssessmentId, i.ItemId))).Select(i => found[(i.AssessmentId, i.ItemId)]).ToList();
        return Outcome<TaggingJobView>.Ok(new TaggingJobView(job.Id, job.Status, job.CourseId, job.Items.Count, items, job.CreatedAt, job.FinishedAt, job.Error));
    }
}
