using EdTech.Application.ChangeFeed;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Adaptive;
using EdTech.Domain.Assessments;
using EdTech.Domain.Learning;
using EdTech.Domain.Learning.EloModel;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Learning;

/// <summary>
/// From every RELEASED submission: keeps the student's scored answers per course (the learner state), the raw responses for
/// calibration and the per-item statistics (attempts, right answers, Elo difficulty), then recomputes the student's
/// recommendations. Work that is graded but not released is not learned from at all, because everything here reaches what a
/// student can read (their own recommendations and mastery, and through the item difficulties every student's predicted
/// success and recommended items): nothing a student reads may depend on unreleased results (docs/learner-models.md).
/// A regrade of a released submission (it stays released) replaces its contribution and corrects the item statistics by the
/// difference, never counting twice. Idempotent per (submission, assessment version, outcomes): a redelivered change finds its
/// contribution already stored and writes nothing. Work for an erased student is dropped (<see cref="ErasureMarkers"/>).
/// <para>
/// Folded per batch (<see cref="LearnerStateFold"/>): each submission's latest version once, in feed order, applied in memory;
/// then every item's statistics written once (an exam batch of K submissions of one assessment wrote each item's statistics K
/// times), then the responses, each student's learner state once and their recommendations once. The numbers are those of
/// applying the changes one at a time: the Elo steps replay in feed order, and a later submission's ability sees the earlier
/// ones' difficulties.
/// </para>
/// </summary>
public sealed class LearnerStateHandler(
    IDocumentStore store, RecommendationBuilder recommendations, LearningOptions options, ErasureMarkers erasures, TimeProvider clock, ILogger<LearnerStateHandler> logger)
    : IChangeFeedHandler
{
    public string Name => ChangeFeedCatalog.LearnerState.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.LearnerState.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.LearnerState.Containers;

    public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        var fold = new LearnerStateFold(store, clock);
        // The current document is read below, so two versions of one submission in a batch do the same work: once is enough.
        foreach (var change in KeyedBatch.LatestVersions(changes))
        {
            // Read the current document: an erased submission must not re-create learner data.
            var current = await store.GetAsync<SubmissionRecord>(change.Tenant, change.Id, change.Partition, cancellationToken).ConfigureAwait(false);
            if (current is null || current.Value.Status != SubmissionStatus.Released
                || await erasures.IsErasedAsync(change.Tenant, current.Value.UserId, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await ApplyAsync(change.Tenant, current.Value, fold, cancellationToken).ConfigureAwait(false);
        }

        await FlushAsync(fold, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies one released submission and writes what changed (a batch of one).</summary>
    public async Task<bool> ApplyAsync(TenantId tenant, SubmissionRecord submission, CancellationToken ct)
    {
        var fold = new LearnerStateFold(store, clock);
        var applied = await ApplyAsync(tenant, submission, fold, ct).ConfigureAwait(false);
        await FlushAsync(fold, ct).ConfigureAwait(false);
        return applied;
    }

    private async Task FlushAsync(LearnerStateFold fold, CancellationToken ct)
    {
        foreach (var (tenant, userId) in await fold.FlushAsync(ct).ConfigureAwait(false))
        {
            await recommendations.RebuildAsync(tenant, userId, ct).ConfigureAwait(false);
        }
    }

    private async Task<bool> ApplyAsync(TenantId tenant, SubmissionRecord submission, LearnerStateFold fold, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (submission.Status != SubmissionStatus.Released)
        {
            return false;
        }

        var assessment = await store.GetAsync<AssessmentRecord>(tenant, submission.AssessmentId, submission.CourseId, ct).ConfigureAwait(false);
        if (assessment is null)
        {
            return false;
        }

        var contribution = ContributionOf(submission, assessment.Value.Assessment, options.CorrectThreshold);
        var stateId = LearnerStateRecord.IdFor(submission.CourseId, submission.UserId);
        var state = await fold.StateAsync(tenant, stateId, ct).ConfigureAwait(false);
        var previous = state?.Contributions.FirstOrDefault(c => c.SubmissionId == submission.Id);
        if (previous is not null && SameContribution(previous, contribution))
        {
            return false;
        }

        var ability = await StudentAbilityAsync(tenant, submission.CourseId, state, submission.Id, fold, ct).ConfigureAwait(false);
        foreach (var item in contribution.Items)
        {
            await fold.AnswerAsync(tenant, submission, item, ability(item), ct).ConfigureAwait(false);
        }

        fold.Contribute(tenant, submission.CourseId, submission.UserId, contribution);
        logger.LogInformation("Learner state of {UserId} in {CourseId} updated from {SubmissionId}", submission.UserId, submission.CourseId, submission.Id);
        return true;
    }

    public static SubmissionContribution ContributionOf(SubmissionRecord submission, Assessment assessment, decimal threshold)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(assessment);
        var skills = assessment.Items.ToDictionary(i => i.Id, i => i.Skills, StringComparer.Ordinal);
        var items = (submission.ItemScores ?? [])
            .Where(s => s.Score is not null && s.MaxScore > 0 && skills.ContainsKey(s.ItemId))
            .Select(s => new ItemOutcome(s.ItemId, skills[s.ItemId], s.Score!.Value / s.MaxScore >= threshold))
            .ToList();
        return new SubmissionContribution(submission.Id, submission.AssessmentId, submission.AssessmentVersion,
            submission.Status == SubmissionStatus.Released, submission.ReceivedAt, items);
    }

    private static bool SameContribution(SubmissionContribution a, SubmissionContribution b) =>
        a.AssessmentVersion == b.AssessmentVersion && a.Released == b.Released && a.At == b.At
        && a.Items.Select(i => (i.ItemId, i.Correct)).SequenceEqual(b.Items.Select(i => (i.ItemId, i.Correct)));

    /// <summary>The student's Elo ability per skill from their other (released) submissions, on the difficulties as this batch left them so far.</summary>
    private async Task<Func<ItemOutcome, double>> StudentAbilityAsync(
        TenantId tenant, string courseId, LearnerStateRecord? state, string excludeSubmission, LearnerStateFold fold, CancellationToken ct)
    {
        if (state is null || state.Contributions.Count == 0)
        {
            return _ => 0;
        }

        var difficulties = fold.Overlay(tenant, courseId, await RecommendationBuilder.DifficultiesAsync(store, tenant, courseId, ct).ConfigureAwait(false));
        var snapshot = LearnerReplay.Run(RecommendationBuilder.Observations(state.Contributions.Where(c => c.SubmissionId != excludeSubmission)),
            key => difficulties.GetValueOrDefault(key), LearnerModelSettings.Default);
        return item => item.Skills.Count == 0 ? 0 : item.Skills.Average(skill => snapshot.Skills.GetValueOrDefault(skill)?.Ability ?? 0);
    }
}
