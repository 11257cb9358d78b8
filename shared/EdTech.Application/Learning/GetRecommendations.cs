using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;

namespace EdTech.Application.Learning;

public sealed record RecommendationView(string CourseId, string AssessmentId, string ItemId, string Skill, string Kind, string Reason, double PredictedSuccess);

/// <summary>API.md's <c>{items}</c>, plus the mastery the items were chosen from (the dashboard's <c>mastery</c>) and when they were computed.</summary>
public sealed record StudentRecommendations(IReadOnlyList<RecommendationView> Items, IReadOnlyList<SkillMasteryView> Mastery, DateTimeOffset? ComputedAt);

/// <summary>Both dashboard fields the learner model owns, from the same cached document.</summary>
public sealed record LearnerDashboard(IReadOnlyList<RecommendationView> Recommendations, IReadOnlyList<SkillMasteryView> Mastery);

/// <summary>
/// Serves a student's recommendation document: from the per-process cache, else one point read (then cached). Nothing is
/// computed on the read path; the learner-state handler computes on change.
/// </summary>
public sealed class GetRecommendationsHandler(IDocumentStore store, RecommendationCache cache)
{
    public async Task<StudentRecommendations> HandleAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var record = await LoadAsync(caller, ct).ConfigureAwait(false);
        return new StudentRecommendations(record is null ? [] : [.. record.Items.Select(ToView)], record?.Mastery ?? [], record?.ComputedAt);
    }

    public async Task<LearnerDashboard> DashboardAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var record = await LoadAsync(caller, ct).ConfigureAwait(false);
        return new LearnerDashboard(record is null ? [] : [.. record.Items.Select(ToView)], record?.Mastery ?? []);
    }

    private async Task<RecommendationRecord?> LoadAsync(Caller caller, CancellationToken ct)
    {
        if (cache.Get(caller.Tenant, caller.UserId) is { } hit)
        {
            return hit;
        }

        var stored = await store.GetAsync<RecommendationRecord>(caller.Tenant, caller.UserId, ct).ConfigureAwait(false);
        if (stored is not null)
        {
            cache.Put(caller.Tenant, stored.Value);
        }

        return stored?.Value;
    }

    private static RecommendationView ToView(RecommendedItem i) => new(i.CourseId, i.AssessmentId, i.ItemId, i.Skill, i.Kind, i.Reason, i.PredictedSuccess);
}
