using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Adaptive;
using EdTech.Domain.Learning.BktModel;
using EdTech.Domain.Learning.EloModel;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Learning;

/// <summary>
/// Recomputes one student's recommendation document from their RELEASED results only (graded-not-released work is
/// invisible to the student, so it must not show through their recommendations or mastery), stores it and puts it in the
/// read cache. Per course: mastery by replaying released answers (BKT for mastery, Elo ability for predicted success),
/// the course's skill graph and items with their Elo difficulties, then <see cref="RecommendationPlanner"/>.
/// </summary>
public sealed class RecommendationBuilder(IDocumentStore store, RecommendationCache cache, LearningOptions options, TimeProvider clock)
{
    public async Task<RecommendationRecord> RebuildAsync(TenantId tenant, string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var states = await store.QueryAsync<LearnerStateRecord>(tenant, DocumentQuery.InPartition(userId), ct).ConfigureAwait(false);
        var items = new List<RecommendedItem>();
        var mastery = new List<SkillMasteryView>();
        foreach (var state in states.Select(s => s.Value).OrderBy(s => s.CourseId, StringComparer.Ordinal))
        {
            var released = state.Contributions.Where(c => c.Released).ToList();
            if (released.Count == 0)
            {
                continue;
            }

            var difficulties = await DifficultiesAsync(store, tenant, state.CourseId, ct).ConfigureAwait(false);
            var snapshot = LearnerReplay.Run(Observations(released), key => difficulties.GetValueOrDefault(key), LearnerModelSettings.Default);
            var graph = await SkillGraphs.LoadAsync(store, tenant, state.CourseId, ct).ConfigureAwait(false);
            var practice = await PracticeItemsAsync(tenant, state.CourseId, difficulties, ct).ConfigureAwait(false);
            var planned = RecommendationPlanner.Plan(snapshot, graph, practice, now, options.PlannerFor(tenant), LearnerModelSettings.Default.Bkt.PInit);
            items.AddRange(planned.Select(p => new RecommendedItem(state.CourseId, p.AssessmentId, p.ItemId, p.Skill, p.Kind, p.Reason, p.PredictedSuccess)));
            mastery.AddRange(snapshot.Skills.Values.OrderBy(s => s.Skill, StringComparer.Ordinal)
                .Select(s => new SkillMasteryView(state.CourseId, s.Skill, Math.Round(s.Mastery, 4), Math.Round(s.Ability, 4), s.Attempts, s.Correct)));
        }

        var record = new RecommendationRecord(userId, [.. items.Take(options.MaxRecommendations)], mastery, now);
        Written.Ensure(await store.ReplaceAsync(tenant, record, null, ct).ConfigureAwait(false));
        cache.Put(tenant, record);
        return record;
    }

    public static IEnumerable<Observation> Observations(IEnumerable<SubmissionContribution> contributions) =>
        contributions.SelectMany(c => c.Items.Select(i => new Observation(c.AssessmentId, i.ItemId, i.Skills, i.Correct, c.At)));

    /// <summary>Elo difficulty per "{assessmentId}:{itemId}" in a course (absent = 0, a new item).</summary>
    public static async Task<IReadOnlyDictionary<string, double>> DifficultiesAsync(IDocumentStore store, TenantId tenant, string courseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stats = await store.QueryAsync<ItemStatsRecord>(tenant, DocumentQuery.InPartition(courseId), ct).ConfigureAwait(false);
        return stats.ToDictionary(s => s.Value.Id, s => s.Value.Difficulty, StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<PracticeItem>> PracticeItemsAsync(TenantId tenant, string courseId, IReadOnlyDictionary<string, double> difficulties, CancellationToken ct)
    {
        var assessments = await store.QueryAsync<AssessmentRecord>(tenant, AssessmentStates.PublishedIn(courseId), ct).ConfigureAwait(false);
        return [.. assessments.SelectMany(a => a.Value.Assessment.Items
            .Where(i => i.Skills.Count > 0)
            .Select(i => new PracticeItem(a.Value.Id, i.Id, i.Skills, difficulties.GetValueOrDefault(ItemStatsRecord.IdFor(a.Value.Id, i.Id)))))];
    }
}
