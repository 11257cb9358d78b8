using EdTech.Application.Grading;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Projections;
using EdTech.Domain.Submissions;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace EdTech.Orchestrations.Grading;

/// <summary>
/// Grades and (when due) releases a chunk: <see cref="SubmissionGrader.GradeBatchAsync"/>, idempotent per submission. Then shows
/// what it graded in the students' views and the gradebook (<see cref="SubmissionViews.ShowCurrentAsync"/>), so results are
/// visible when released rather than after the feed projection's next delivery; the projection still sees every change and
/// writes whatever this step could not (a race it lost, an erasure meanwhile, a failure), so that step never fails the grading.
/// Returns counts and the ids awaiting review only, never per-submission results: the output stays small however big the chunk.
/// </summary>
public sealed class GradeBatchActivity(SubmissionGrader grader, SubmissionViews views, ILogger<GradeBatchActivity> logger) : TaskActivity<GradeBatchInput, GradeBatchResult>
{
    public override async Task<GradeBatchResult> RunAsync(TaskActivityContext context, GradeBatchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var results = await grader.GradeBatchAsync(input.TenantId, input.SubmissionIds, CancellationToken.None).ConfigureAwait(false);
        await ShowAsync(input, [.. results.Where(r => r.Status is SubmissionStatus.Released or SubmissionStatus.Graded).Select(r => r.SubmissionId)]).ConfigureAwait(false);
        return new GradeBatchResult(
            results.Count(r => r.Status == SubmissionStatus.Released),
            results.Count(r => r.Status == SubmissionStatus.Graded),
            results.Count(r => r.Status == SubmissionStatus.Erased),
            [.. results.Where(r => r.Status == SubmissionStatus.AwaitingReview).Select(r => r.SubmissionId)]);
    }

    private async Task ShowAsync(GradeBatchInput input, IReadOnlyList<string> finished)
    {
        if (finished.Count == 0)
        {
            return;
        }

        try
        {
            await views.ShowCurrentAsync(input.TenantId, finished, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SubjectErasedException)
        {
            logger.LogInformation("Grade batch in {TenantId}: a student was erased while their result was shown; the guard undid that write", input.TenantId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Grade batch in {TenantId}: showing {Count} results failed; the submission projection shows them on its next delivery", input.TenantId, finished.Count);
        }
    }
}
