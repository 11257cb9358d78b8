using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Grading.Review;

public sealed record ReviewQueueItem(string SubmissionId, string AssessmentId, string CourseId, string UserId, DateTimeOffset SubmittedAt);

public sealed record ReviewQueue(IReadOnlyList<ReviewQueueItem> Items);

/// <summary>
/// Submissions awaiting a teacher's review in every course the caller teaches, oldest first.
/// For now this queries the write model by status per course (one query per taught course); the
/// review-queue projection fed by the change feed (issue 4, query side) is to replace it.
/// </summary>
public sealed class GetReviewQueueHandler(IDocumentStore store)
{
    public async Task<Outcome<ReviewQueue>> HandleAsync(Caller caller, CancellationToken ct)
    {
        var taught = await store.QueryAsync<EnrollmentRecord>(caller.Tenant, new DocumentQuery(FieldEquals: new Dictionary<string, string>
        {
            ["userId"] = caller.UserId,
            ["role"] = Roles.Teacher,
        }), ct).ConfigureAwait(false);

        var items = new List<ReviewQueueItem>();
        foreach (var courseId in taught.Select(e => e.Value.CourseId).Distinct(StringComparer.Ordinal))
        {
            var waiting = await store.QueryAsync<SubmissionRecord>(caller.Tenant, DocumentQuery.Where("status", SubmissionStatus.AwaitingReview, courseId), ct).ConfigureAwait(false);
            items.AddRange(waiting.Select(s => new ReviewQueueItem(s.Value.Id, s.Value.AssessmentId, s.Value.CourseId, s.Value.UserId, s.Value.ReceivedAt)));
        }

        return Outcome<ReviewQueue>.Ok(new ReviewQueue([.. items.OrderBy(i => i.SubmittedAt).ThenBy(i => i.SubmissionId, StringComparer.Ordinal)]));
    }
}
