using EdTech.Application.Grading;
using EdTech.Application.Projections;
using EdTech.Domain.Submissions;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace EdTech.Orchestrations.Grading;

/// <summary>
/// Grades and (when due) releases a chunk: <see cref="SubmissionGrader.GradeBatchAsync"/>, idempotent per submission. Then shows
/// what it graded (released, graded, or awaiting a teacher's review) in the students' views and the gradebook (<see cref="ResultsShown"/>). Returns counts and the ids awaiting
/// review only, never per-submission results: the output stays small however big the chunk.
/// </summary>
public sealed class GradeBatchActivity(SubmissionGrader grader, SubmissionViews views, ILogger<GradeBatchActivity> logger) : TaskActivity<GradeBatchInput, GradeBatchResult>
{
    public override async Task<GradeBatchResult> RunAsync(TaskActivityContext context, GradeBatchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var results = await grader.GradeBatchAsync(input.TenantId, input.SubmissionIds, CancellationToken.None).ConfigureAwait(false);
        await ResultsShown.TryAsync(views, logger, input.TenantId,
            [.. results.Where(r => r.Status is SubmissionStatus.Released or SubmissionStatus.Graded or SubmissionStatus.AwaitingReview).Select(r => r.SubmissionId)]).ConfigureAwait(false);
        return new GradeBatchResult(
            results.Count(r => r.Status == SubmissionStatus.Released),
            results.Count(r => r.Status == SubmissionStatus.Graded),
            results.Count(r => r.Status == SubmissionStatus.Erased),
            [.. results.Where(r => r.Status == SubmissionStatus.AwaitingReview).Select(r => r.SubmissionId)]);
    }
}
