using EdTech.Application.Assessments.Statistics;
using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Analytics;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Analytics;

public sealed record Improvements(string CourseId, IReadOnlyList<Improvement> Items);

/// <summary>
/// GET /api/content/analytics/improvements?courseId=: the course's items ranked by <see cref="ImprovementRanking"/>, from the
/// statistics projection (item analysis and skipping over each student's latest graded attempt), students' item ratings and
/// the nightly calibration's difficulty. Cached per course (tagged with the course, so the projections' invalidation applies;
/// a new rating shows within the cache's local expiry).
/// </summary>
public sealed class GetImprovementsHandler(IDocumentStore store, TeacherQueryCache cache)
{
    public async Task<Outcome<Improvements>> HandleAsync(Caller caller, string? courseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var v = new Validation().Id(courseId, "courseId", required: true);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        if (await store.GetAsync<CourseRecord>(caller.Tenant, courseId!, courseId!, ct).ConfigureAwait(false) is null)
        {
            return Problem.NotFound("course");
        }

        var ranked = await cache.GetOrCreateAsync(caller.Tenant, $"improvements:{courseId}", [TeacherQueryCache.CourseTag(caller.Tenant, courseId!)],
            token => new ValueTask<Improvements>(RankAsync(caller.Tenant, courseId!, token)), ct).ConfigureAwait(false);
        return Outcome<Improvements>.Ok(ranked);
    }

    private async Task<Improvements> RankAsync(TenantId tenant, string courseId, CancellationToken ct)
    {
        var course = DocumentQuery.InPartition(courseId);
        var ratings = (await store.QueryAsync<ItemRatingRecord>(tenant, course, ct).ConfigureAwait(false))
            .GroupBy(r => (r.Value.AssessmentId, r.Value.ItemId))
            .ToDictionary(g => g.Key, g => (Helpful: g.Count(r => r.Value.Helpful), NotHelpful: g.Count(r => !r.Value.Helpful)));
        var calibrated = (await store.QueryAsync<ItemParametersRecord>(tenant, course, ct).ConfigureAwait(false))
            .ToDictionary(p => (p.Value.AssessmentId, p.Value.ItemId), p => p.Value.Difficulty);
        var evidence = new List<ImprovementEvidence>();
        foreach (var (a, latest) in await CourseAttempts.LoadAsync(store, tenant, courseId, ct).ConfigureAwait(false))
        {
            var items = a.Assessment.Items.Select(i => new AnalysedItem(i.Id, i.Points)).ToList();
            var analysis = ItemAnalysis.Analyse(items, LatestAttempts.Marks(latest), ItemAnalysisOptions.Default with { Seed = AnalysisSeed.Of(a.Id) });
            foreach (var item in analysis)
            {
                var skipped = latest.Count(c => c.Items.Any(i => i.ItemId == item.ItemId && i.Skipped));
                var (helpful, notHelpful) = ratings.GetValueOrDefault((a.Id, item.ItemId));
                // No intended difficulty is stored on items yet (tagging suggestions are not applied), so no mismatch reason yet.
                evidence.Add(new ImprovementEvidence(a.Id, item.ItemId, item, skipped, helpful, notHelpful, null,
                    calibrated.TryGetValue((a.Id, item.ItemId), out var b) ? b : null));
            }
        }

        return new Improvements(courseId, ImprovementRanking.Rank(evidence));
    }
}
