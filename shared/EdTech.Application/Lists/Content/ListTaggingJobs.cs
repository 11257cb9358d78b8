using EdTech.Domain.Serialization;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Lists.Content;

/// <summary>One tagging job in the list: status and progress only (the suggestions: GET /api/content/tagging-jobs/{jobId}).</summary>
public sealed record TaggingJobSummary(
    string JobId, TaggingJobStatus Status, string? CourseId, int Total, int Done, int Failed, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt, string? Error);

/// <summary>
/// GET /api/content/tagging-jobs?status=: the tenant's tagging jobs, paged by job id (stable; not chronological). One query on
/// the tenant's key prefix of <c>tagging-jobs</c>, keyset by id. The container also holds each job's page and chunk records
/// (in the job's partition, ids <c>{jobId}.page-N</c>/<c>.chunk-N-M</c>), which have no <c>status</c>: the query keeps only
/// documents whose <c>status</c> is text (<c>status &gt;= ""</c>, served by the <c>status</c> index), or equal to
/// <c>?status=</c>, so the store never returns a page or chunk record.
/// </summary>
public sealed class ListTaggingJobsHandler(IDocumentStore store)
{
    public static IReadOnlyList<string> Statuses { get; } = WireEnum.All<TaggingJobStatus>();

    public async Task<Outcome<Page<TaggingJobSummary>>> HandleAsync(Caller caller, string? status, string? limit, string? next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var request = ListPaging.Parse(limit, next, v => v
            .Require(status is null || Statuses.Contains(status, StringComparer.Ordinal), "status", $"One of {string.Join(", ", Statuses)}."));
        if (request.Problem is { } problem)
        {
            return problem;
        }

        var (size, after) = request.Value!;
        var query = status is null
            ? new DocumentQuery(null, null, size + 1, after, [FieldCondition.Of("status", FieldMatchKind.AtLeast, "")])
            : new DocumentQuery(null, new Dictionary<string, string>(StringComparer.Ordinal) { ["status"] = status }, size + 1, after);
        var rows = (await store.QueryAsync<TaggingJobRecord>(caller.Tenant, query, ct).ConfigureAwait(false)).Select(r => r.Value).ToList();
        return Outcome<Page<TaggingJobSummary>>.Ok(ListPaging.Of(rows, size,
            j => new TaggingJobSummary(j.Id, j.Status, j.CourseId, j.Total, j.DoneNow, j.FailedNow, j.CreatedBy, j.CreatedAt, j.FinishedAt, j.Error),
            j => j.Id));
    }
}
