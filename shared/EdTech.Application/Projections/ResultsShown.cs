using EdTech.Application.Privacy.Erasure;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Projections;

/// <summary>
/// Every command that changes a submission shows what it changed in the students' views and the gradebook right away
/// (<see cref="SubmissionViews.ShowCurrentAsync"/>): the grading and release batches, the per-submission grading steps, a
/// regrade's chunks and a teacher's grade (the submit writes the student's first view itself). The submission projection, a
/// deferrable part of the feed's <c>submission-insights</c> consumer, still sees every change and writes whatever this could not
/// (a race it lost three times, an erasure meanwhile, a failure), so showing never fails the command
/// (docs/projection-writes.md, "Views written by the commands, repaired by the feed").
/// </summary>
public static class ResultsShown
{
    public static async Task TryAsync(SubmissionViews views, ILogger logger, TenantId tenant, IReadOnlyList<string> submissionIds)
    {
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(submissionIds);
        if (submissionIds.Count == 0)
        {
            return;
        }

        try
        {
            await views.ShowCurrentAsync(tenant, submissionIds, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SubjectErasedException)
        {
            logger.LogInformation("Showing results in {TenantId}: a student was erased meanwhile; the guard undid that write", tenant);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Showing {Count} results in {TenantId} failed; the submission projection shows them on its next delivery", submissionIds.Count, tenant);
        }
    }
}
