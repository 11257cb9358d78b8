using EdTech.Application.ChangeFeed;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Adaptive;
using EdTech.Domain.Assessments;
using EdTech.Domain.Learning;
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
        foreach (var change in changes)
        {
            // Read the current document: an erased submission must not re-create learner data.
            var current = await store.GetAsync<SubmissionRecord>(change.Tenant, change.Id, change.Partition, cancellationToken).ConfigureAwait(false);
            if (current is null || current.Value.Status != SubmissionStatus.Released
                || await erasures.IsErasedAsync(change.Tenant, current.Value.UserId, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await ApplyAsync(change.Tenant, current.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> ApplyAsync(TenantId tenant, SubmissionRecord submission, CancellationToken ct)
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
        var state = await store.GetAsync<LearnerStateRecord>(tenant, stateId, ct).ConfigureAwait(false);
        var previous = state?.Value.Contributions.FirstOrDefault(c => c.SubmissionId == submission.Id);
        if (previous is not null && SameContribution(previous, contribution))
        {
            return false;
        }

        var ability = await StudentAbilityAsync(tenant, submission.CourseId, state?.Value, submission.Id, ct).ConfigureAwait(false);
        foreach (var item in contribution.Items)
        {
            await ApplyAnswerAsync(tenant, submission, item, ability(item), ct).ConfigureAwait(false);
        }

        var others = state?.Value.Contributions.Where(c => c.SubmissionId != submission.Id) ?? [];
        var updated = new LearnerStateRecord(stateId, submission.CourseId, submission.UserId, [.. others, contribution], clock.GetUtcNow());
        Written.Ensure(await store.ReplaceAsync(tenant, updated, state?.ETag, ct).ConfigureAwait(false));
        await recommendations.RebuildAsync(tenant, submission.UserId, ct).ConfigureAwait(false);
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

    /// <summary>The student's Elo ability per skill from their other (released) submissions.</summary>
    private async Task<Func<ItemOutcome, double>> StudentAbilityAsync(TenantId tenant, string courseId, LearnerStateRecord? state, string excludeSubmission, CancellationToken ct)
    {
        if (state is null || state.Contributions.Count == 0)
        {
            return _ => 0;
        }

        var difficulties = await RecommendationBuilder.DifficultiesAsync(store, tenant, courseId, ct).ConfigureAwait(false);
        var snapshot = LearnerReplay.Run(RecommendationBuilder.Observations(state.Contributions.Where(c => c.SubmissionId != excludeSubmission)),
            key => difficulties.GetValueOrDefault(key), LearnerModelSettings.Default);
        return item => item.Skills.Count == 0 ? 0 : item.Skills.Average(skill => snapshot.Skills.GetValueOrDefault(skill)?.Ability ?? 0);
    }

    /// <summary>
    /// Counts one answer in its item's statistics and stores it as a response (the marker). The response is written after the
    /// statistics: a crash between the two makes a redelivery count the answer again (at-least-once; the Elo difficulty is an
    /// online estimate, and the nightly calibration refits from the responses themselves).
    /// </summary>
    private async Task ApplyAnswerAsync(TenantId tenant, SubmissionRecord s, ItemOutcome item, double ability, CancellationToken ct)
    {
        var responseId = ResponseRecord.IdFor(s.Id, item.ItemId);
        var previous = await store.GetAsync<ResponseRecord>(tenant, responseId, s.CourseId, ct).ConfigureAwait(false);
        var id = ItemStatsRecord.IdFor(s.AssessmentId, item.ItemId);
        var existing = await store.GetAsync<ItemStatsRecord>(tenant, id, s.CourseId, ct).ConfigureAwait(false);
        var stats = existing?.Value ?? new ItemStatsRecord(id, s.CourseId, s.AssessmentId, item.ItemId, 0, 0, 0);
        ItemStatsRecord? next;
        double k;
        if (previous?.Value.EloK is { } counted)
        {
            k = counted;
            // Regraded: the Elo step is linear in the outcome, so swapping the outcome moves the rating by K·(old − new).
            var delta = (previous.Value.Correct ? 1 : 0) - (item.Correct ? 1 : 0);
            next = delta == 0 ? null : stats with { Correct = stats.Correct - delta, Difficulty = stats.Difficulty + (k * delta) };
        }
        else
        {
            k = EloOptions.Default.K(stats.Attempts);
            var surprise = (item.Correct ? 1 : 0) - Logistic.Sigmoid(ability - stats.Difficulty);
            next = stats with { Attempts = stats.Attempts + 1, Correct = stats.Correct + (item.Correct ? 1 : 0), Difficulty = stats.Difficulty - (k * surprise) };
        }

        if (next is not null)
        {
            Written.Ensure(await store.ReplaceAsync(tenant, next, existing?.ETag, ct).ConfigureAwait(false));
        }

        var response = new ResponseRecord(responseId, s.CourseId, s.AssessmentId, item.ItemId, s.UserId, s.Id, s.AssessmentVersion, item.Correct, s.ReceivedAt, k);
        if (previous is null || previous.Value != response)
        {
            Written.Ensure(await store.ReplaceAsync(tenant, response, previous?.ETag, ct).ConfigureAwait(false));
        }
    }
}
