using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Projections;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Orchestrations.Grading;

/// <summary>
/// The steps that grade or release show what they changed in the students' views and the gradebook right away
/// (<see cref="SubmissionViews.ShowCurrentAsync"/>), so results are visible when released rather than after the submission
/// projection's next delivery. The projection still sees every change and writes whatever this could not (a race it lost,
/// an erasure meanwhile, a failure), so showing never fails the step.
/// </summary>
internal static class ResultsShown
{
    public static async Task TryAsync(SubmissionViews views, ILogger logger, TenantId tenant, IReadOnlyList<string> submissionIds)
    {
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
