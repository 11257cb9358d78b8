using EdTech.Domain.Serialization;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Grading.Release;

/// <summary>
/// The timer side of release (afterDue, scheduled, and any manual release left unfinished): for each
/// registered tenant, finds assessments whose release time has passed that still hold graded-not-released
/// submissions and starts ReleaseResults for them. Safe to run any time: the start is idempotent per generation.
/// Immediate-policy work is released by GradeSubmission itself (and re-driven by the grading reconciler).
/// </summary>
public sealed class DueResultsReleaser(IDocumentStore store, IReleaseWorkflow workflow, TimeProvider clock, ILogger<DueResultsReleaser> logger)
{
    public async Task<int> ReleaseDueAsync(CancellationToken ct)
    {
        var started = 0;
        var tenants = await store.QueryAsync<TenantRecord>(TenantId.Platform, DocumentQuery.All, ct).ConfigureAwait(false);
        foreach (var tenant in tenants.Select(t => new TenantId(t.Value.Id)))
        {
            started += await ReleaseDueAsync(tenant, ct).ConfigureAwait(false);
        }

        logger.LogInformation("Started {Count} due result releases", started);
        return started;
    }

    /// <summary>One tenant's sweep: ReleaseResults for each non-immediate assessment that is due and still has graded-not-released work.</summary>
    public async Task<int> ReleaseDueAsync(TenantId tenant, CancellationToken ct)
    {
        var started = 0;
        var now = clock.GetUtcNow();
        var graded = await store.QueryAsync(tenant, Containers.Submissions, DocumentQuery.Where("status", SubmissionStatus.Graded.Wire()), ct).ConfigureAwait(false);
        foreach (var group in graded.GroupBy(d => TypedDocumentStore.Read<SubmissionRecord>(d).Value.AssessmentId, StringComparer.Ordinal))
        {
            var assessment = await store.GetAsync<AssessmentRecord>(tenant, group.Key, group.First().Partition, ct).ConfigureAwait(false);
            if (assessment is null
                || assessment.Value.Assessment.Release.Mode == ReleasePolicy.Immediate
                || !assessment.Value.Assessment.IsReleasedAt(now, assessment.Value.ReleasedAt is not null))
            {
                continue;
            }

            await workflow.StartAsync(tenant, group.Key, ResultsReleaser.Generation([.. group]), ct).ConfigureAwait(false);
            started++;
        }

        return started;
    }

    /// <summary>
    /// One assessment, woken by its release timer: starts ReleaseResults when its release time has passed and
    /// graded work waits. Not yet due (the time moved later, or this clock is behind the timer's) says until when.
    /// </summary>
    public async Task<TimedReleaseOutcome> ReleaseDueAsync(TenantId tenant, string assessmentId, CancellationToken ct)
    {
        var assessment = await store.GetAsync<AssessmentRecord>(tenant, assessmentId, ct).ConfigureAwait(false);
        if (assessment is null || assessment.Value.Assessment.Release.Mode == ReleasePolicy.Immediate)
        {
            return TimedReleaseOutcome.Nothing;
        }

        var now = clock.GetUtcNow();
        if (!assessment.Value.Assessment.IsReleasedAt(now, assessment.Value.ReleasedAt is not null))
        {
            return new TimedReleaseOutcome(false, assessment.Value.Assessment.Release.ReleaseTime(assessment.Value.Assessment));
        }

        var pending = await ResultsReleaser.PendingAsync(store, tenant, assessment.Value.CourseId, assessmentId, ct).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            return TimedReleaseOutcome.Nothing;
        }

        await workflow.StartAsync(tenant, assessmentId, ResultsReleaser.Generation(pending), ct).ConfigureAwait(false);
        logger.LogInformation("Release timer started the release of {Count} submissions of {AssessmentId} in {TenantId}", pending.Count, assessmentId, tenant);
        return new TimedReleaseOutcome(true, null);
    }
}

/// <param name="Started">Whether a ReleaseResults run was started.</param>
/// <param name="NotBefore">Set when the assessment is not due yet: its current release time (null for manual).</param>
public sealed record TimedReleaseOutcome(bool Started, DateTimeOffset? NotBefore)
{
    public static TimedReleaseOutcome Nothing { get; } = new(false, null);
}
