using EdTech.Application.Assessments.Statistics;
using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Content.Difficulty;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Analytics;
using EdTech.Domain.Content;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Analytics;

public sealed record Improvements(string CourseId, IReadOnlyList<Improvement> Items);

/// <summary>
/// GET /api/content/analytics/improvements?courseId= and GET /api/teacher/courses/{courseId}/analytics/improvements: the course's
/// items ranked by <see cref="ImprovementRanking"/>, from the statistics projection (item analysis and skipping over each
/// student's latest graded attempt), students' item ratings, the nightly calibration's difficulty against the intended one
/// (<see cref="IntendedDifficulty"/>), and the modules' content items where students drop off (<see cref="ContentDropOff"/>
/// over the usage projection's module progress). Single-partition queries of the course only. Cached per course (tagged with
/// the course, so the projections' invalidation applies; a new rating, suggestion decision or usage event shows within the
/// cache's local expiry). The teacher's route reaches this only for a course the caller teaches (the course scope filter).
/// </summary>
public sealed class GetImprovementsHandler(IDocumentStore store, TeacherQueryCache cache, TimeProvider clock)
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
        // A 2PL difficulty with too little discrimination is barely determined (the calibration's flag): no mismatch from it.
        var calibrated = (await store.QueryAsync<ItemParametersRecord>(tenant, course, ct).ConfigureAwait(false))
            .Where(p => p.Value.Discrimination >= DifficultyEvidence.MinDiscrimination)
            .ToDictionary(p => (p.Value.AssessmentId, p.Value.ItemId), p => p.Value.Difficulty);
        var suggestions = (await store.QueryAsync<ItemSuggestionRecord>(tenant, course, ct).ConfigureAwait(false))
            .ToDictionary(s => (s.Value.AssessmentId, s.Value.ItemId), s => s.Value);
        var evidence = new List<ImprovementEvidence>();
        foreach (var (a, latest) in await CourseAttempts.LoadAsync(store, tenant, courseId, ct).ConfigureAwait(false))
        {
            var items = a.Assessment.Items.Select(i => new AnalysedItem(i.Id, i.Points)).ToList();
            var byId = a.Assessment.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
            var analysis = ItemAnalysis.Analyse(items, LatestAttempts.Marks(latest), ItemAnalysisOptions.Default with { Seed = AnalysisSeed.Of(a.Id) });
            foreach (var item in analysis)
            {
                var skipped = latest.Count(c => c.Items.Any(i => i.ItemId == item.ItemId && i.Skipped));
                var (helpful, notHelpful) = ratings.GetValueOrDefault((a.Id, item.ItemId));
                var intended = IntendedDifficulty.Of(byId[item.ItemId], suggestions.GetValueOrDefault((a.Id, item.ItemId)));
                evidence.Add(new ImprovementEvidence(a.Id, item.ItemId, item, skipped, helpful, notHelpful, intended,
                    calibrated.TryGetValue((a.Id, item.ItemId), out var b) ? b : null));
            }
        }

        return new Improvements(courseId, ImprovementRanking.Rank(evidence, await DropOffAsync(tenant, courseId, ct).ConfigureAwait(false)));
    }

    /// <summary>Per module content item, the students who reached it and dropped off there (the modules route's funnel, split by item).</summary>
    private async Task<IReadOnlyList<ContentDropOffEvidence>> DropOffAsync(TenantId tenant, string courseId, CancellationToken ct)
    {
        var course = DocumentQuery.InPartition(courseId);
        var modules = await store.QueryAsync<ModuleRecord>(tenant, course, ct).ConfigureAwait(false);
        if (modules.Count == 0)
        {
            return [];
        }

        var progress = (await store.QueryAsync<UsageModuleProgressRecord>(tenant, course, ct).ConfigureAwait(false)).Select(p => p.Value).ToList();
        var now = clock.GetUtcNow();
        return [.. modules.Select(m => m.Value).OrderBy(m => m.Position).ThenBy(m => m.ModuleId, StringComparer.Ordinal)
            .SelectMany(m => ContentDropOff.Count(m.ModuleId, [.. m.Items.Select(i => (i.Id, i.AssessmentId))],
                progress.Select(p => p.Modules.GetValueOrDefault(m.ModuleId)).OfType<ModuleProgress>().Select(p => p.Activity), now))];
    }
}
