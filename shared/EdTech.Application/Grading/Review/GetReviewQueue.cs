using EdTech.Domain.Serialization;
using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Grading.Review;

public sealed record ReviewQueueItem(string SubmissionId, string AssessmentId, string CourseId, string UserId, DateTimeOffset SubmittedAt);

public sealed record ReviewQueue(IReadOnlyList<ReviewQueueItem> Items);

/// <summary>
/// Submissions awaiting a teacher's review in every course the caller teaches, oldest first, read from
/// the review-queue projection (so it lags the write model by the change feed), one partition query per
/// taught course. Cached per teacher, tagged with the teacher and each taught course.
/// </summary>
public sealed class GetReviewQueueHandler(IDocumentStore store, TeacherQueryCache cache)
{
    public async Task<Outcome<ReviewQueue>> HandleAsync(Caller caller, CancellationToken ct)
    {
        var taught = (await store.QueryAsync<EnrollmentRecord>(caller.Tenant, new DocumentQuery(FieldEquals: new Dictionary<string, string>
        {
            ["userId"] = caller.UserId,
            ["role"] = Roles.Teacher,
        }), ct).ConfigureAwait(false)).Select(e => e.Value.CourseId).Distinct(StringComparer.Ordinal).ToList();

        var tags = taught.Select(c => TeacherQueryCache.CourseTag(caller.Tenant, c)).Append(TeacherQueryCache.TeacherTag(caller.Tenant, caller.UserId));
        var queue = await cache.GetOrCreateAsync(caller.Tenant, $"review-queue:{caller.UserId}", tags, async token =>
        {
            var items = new List<ReviewQueueItem>();
            foreach (var courseId in taught)
            {
                var waiting = await store.QueryAsync<ReviewQueueEntry>(caller.Tenant, DocumentQuery.Where("status", SubmissionStatus.AwaitingReview.Wire(), courseId), token).ConfigureAwait(false);
                items.AddRange(waiting.Select(e => new ReviewQueueItem(e.Value.Id, e.Value.AssessmentId, e.Value.CourseId, e.Value.UserId, e.Value.SubmittedAt)));
            }

            return new ReviewQueue([.. items.OrderBy(i => i.SubmittedAt).ThenBy(i => i.SubmissionId, StringComparer.Ordinal)]);
        }, ct).ConfigureAwait(false);
        return Outcome<ReviewQueue>.Ok(queue);
    }
}
