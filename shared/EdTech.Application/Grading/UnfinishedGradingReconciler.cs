using EdTech.Domain.Assessments;
using EdTech.Domain.Serialization;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Grading;

/// <summary>
/// Re-drives acknowledged submissions whose workflow never finished (an engine that lost its
/// instances, a crash). Safe to run any time: the workflow's steps are idempotent. Submissions awaiting
/// review are re-driven too, so a restarted in-memory engine gets its waiting instances (and their reminders) back.
/// Graded work is re-driven only for immediate-policy assessments (GradeSubmission releases those itself). Graded work of
/// any other policy belongs to the release side: at rest until its release time, then ReleaseResults, which the release
/// job (<see cref="Release.DueResultsReleaser"/>) and the command reconciler start again after a restart. Re-driving it here
/// as well would release it twice over: a host restarted while a 100,000-submission release ran re-drove all 100,000 in
/// grading batches beside the release (twice the store work, 2.4 GB resident instead of 0.3–0.5 GB).
/// Graded work of an assessment that is gone is left too: nothing can release it.
/// Like the change-feed handler, it grades in batches: accepted (and immediate-policy graded) submissions go to batch workflows in chunks of
/// Grading:BatchSize; only those awaiting review get their own workflow (it waits for the review and sends the reminders).
/// </summary>
public sealed class UnfinishedGradingReconciler(
    IDocumentStore store, IGradingWorkflow workflow, TimeProvider clock, ILogger<UnfinishedGradingReconciler> logger, GradingBatchSettings? batches = null)
{
    private readonly int _batchSize = Math.Max(1, (batches ?? GradingBatchSettings.Default).BatchSize);

    private static readonly SubmissionStatus[] UnfinishedStatuses = [SubmissionStatus.Accepted, SubmissionStatus.Grading, SubmissionStatus.AwaitingReview, SubmissionStatus.Graded];

    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var count = 0;
        var tenants = await store.QueryAsync<TenantRecord>(TenantId.Platform, DocumentQuery.All, ct).ConfigureAwait(false);
        foreach (var tenant in tenants.Select(t => new TenantId(t.Value.Id)))
        {
            foreach (var status in UnfinishedStatuses)
            {
                var pending = await store.QueryAsync(tenant, Containers.Submissions, DocumentQuery.Where("status", status.Wire()), ct).ConfigureAwait(false);
                var ids = status == SubmissionStatus.Graded ? await ImmediateAndDueAsync(tenant, pending, ct).ConfigureAwait(false) : pending.Select(p => p.Id).ToList();
                await (status == SubmissionStatus.AwaitingReview
                    ? Task.WhenAll(ids.Select(id => workflow.StartAsync(tenant, id, ct)))
                    : Task.WhenAll(ids.Chunk(_batchSize).Select(chunk => workflow.StartBatchAsync(tenant, chunk, ct)))).ConfigureAwait(false);
                count += ids.Count;
            }
        }

        logger.LogInformation("Re-drove {Count} unfinished submissions", count);
        return count;
    }

    private async Task<List<string>> ImmediateAndDueAsync(TenantId tenant, IReadOnlyList<StoredDocument> graded, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = new List<string>();
        foreach (var group in graded.GroupBy(d => TypedDocumentStore.Read<SubmissionRecord>(d).Value.AssessmentId, StringComparer.Ordinal))
        {
            var assessment = await store.GetAsync<AssessmentRecord>(tenant, group.Key, group.First().Partition, ct).ConfigureAwait(false);
            if (assessment is not null && assessment.Value.Assessment.Release.Mode == ReleasePolicy.Immediate
                && assessment.Value.Assessment.IsReleasedAt(now, assessment.Value.ReleasedAt is not null))
            {
                due.AddRange(group.Select(d => d.Id));
            }
        }

        return due;
    }
}
