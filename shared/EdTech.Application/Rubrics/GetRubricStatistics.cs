using EdTech.Application.Access;
using EdTech.Application.Analytics;
using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Analytics;
using EdTech.Domain.Grading;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Rubrics;

/// <summary>One rubric item scored with one rubric version: responses, mean item score and each criterion's level distribution.</summary>
public sealed record RubricItemStatistics(
    string ItemId, string RubricId, int RubricVersion, string Title, int Responses, decimal ItemPoints, decimal? MeanScore, IReadOnlyList<RubricCriterionDistribution> Criteria);

/// <summary><c>GET /api/teacher/assessments/{assessmentId}/rubric-statistics</c>; <see cref="MinCount"/> is the tenant's analytics.min-cell-count.</summary>
public sealed record RubricStatistics(string AssessmentId, string CourseId, int MinCount, IReadOnlyList<RubricItemStatistics> Items);

/// <summary>
/// Per rubric item and criterion, the levels chosen in each student's latest graded attempt (the attempt item analysis uses),
/// grouped by the rubric version the teacher scored with (levels of different versions are not comparable). A group with fewer
/// scores than the tenant's minimum cell count shows its number of responses only. Reads the assessment's submissions in the
/// course's partition (one query, indexed on assessmentId): a teacher's occasional read, not cached.
/// </summary>
public sealed class GetRubricStatisticsHandler(IDocumentStore store, AssessmentLookup assessments, CourseAccess access, AnalyticsSettings settings)
{
    public async Task<Outcome<RubricStatistics>> HandleAsync(Caller caller, string assessmentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var record = ResourceId.IsValid(assessmentId) ? await assessments.FindAsync(caller.Tenant, assessmentId, ct).ConfigureAwait(false) : null;
        if (record is null || !await access.IsEnrolledAsync(caller.Tenant, record.CourseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("assessment");
        }

        var minCount = await settings.MinCellCountAsync(caller.Tenant, ct).ConfigureAwait(false);
        var submissions = await store.QueryAsync<SubmissionRecord>(caller.Tenant, DocumentQuery.Where("assessmentId", assessmentId, record.CourseId), ct).ConfigureAwait(false);
        var latest = submissions.Select(s => s.Value).Where(s => s.Status.IsFinished())
            .GroupBy(s => s.UserId, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(s => s.ReceivedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal).First())
            .ToList();
        var scored = latest.SelectMany(s => s.ItemScores ?? []).Where(i => i.Rubric is not null).ToList();

        var order = record.Assessment.Items.Select((item, index) => (item.Id, index)).ToDictionary(p => p.Id, p => p.index, StringComparer.Ordinal);
        var groups = scored.GroupBy(i => (i.ItemId, i.Rubric!.RubricId, i.Rubric.RubricVersion)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var item in record.Assessment.Items.Where(i => i.RubricId is not null && !groups.Keys.Any(k => k.ItemId == i.Id)))
        {
            var current = await RubricStore.FindAsync(store, caller.Tenant, record.CourseId, item.RubricId!, ct).ConfigureAwait(false);
            if (current is not null)
            {
                groups[(item.Id, current.Value.Id, current.Value.Version)] = [];
            }
        }

        var items = new List<RubricItemStatistics>();
        foreach (var ((itemId, rubricId, version), scores) in groups.OrderBy(g => order.GetValueOrDefault(g.Key.ItemId, int.MaxValue)).ThenBy(g => g.Key.ItemId, StringComparer.Ordinal)
                     .ThenBy(g => g.Key.RubricVersion))
        {
            var rubric = await RubricStore.VersionAsync(store, caller.Tenant, record.CourseId, rubricId, version, ct).ConfigureAwait(false);
            if (rubric is null)
            {
                continue;
            }

            var points = record.Assessment.Items.FirstOrDefault(i => i.Id == itemId)?.Points ?? scores.FirstOrDefault()?.MaxScore ?? 0;
            var shown = scores.Count > 0 && scores.Count >= minCount;
            items.Add(new RubricItemStatistics(itemId, rubricId, version, rubric.Title, scores.Count, points,
                shown ? scores.Average(s => s.Score ?? 0) : null, RubricDistribution.Of(rubric, scores.Select(s => s.Rubric!).ToList(), minCount)));
        }

        return Outcome<RubricStatistics>.Ok(new RubricStatistics(assessmentId, record.CourseId, minCount, items));
    }
}
