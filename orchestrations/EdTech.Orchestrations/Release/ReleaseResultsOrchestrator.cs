using EdTech.Application.Grading;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Release;

/// <summary>
/// Releases an assessment's results: marks the assessment released (so work graded from now on is
/// released when graded), then pages through the graded-not-released submissions by an id cursor (each
/// page step returns only its bounds and count) and releases each page through the idempotent ReleaseIfDue
/// step as its own sub-orchestration. No activity input or output holds more than a page's bounds, so a
/// 100k-submission assessment is a thousand small steps, never one payload with every id.
/// </summary>
public sealed class ReleaseResultsOrchestrator : TaskOrchestrator<ReleaseResultsInput, ReleaseResultsResult>
{
    public const int DefaultPageSize = 100;

    internal static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMilliseconds(200), backoffCoefficient: 2));

    public override async Task<ReleaseResultsResult> RunAsync(TaskOrchestrationContext context, ReleaseResultsInput input)
    {
        var mark = await context.CallActivityAsync<ReleaseMark>(nameof(MarkAssessmentReleasedActivity), input, Retry);
        if (mark.CourseId is not { } courseId)
        {
            return new ReleaseResultsResult(input.AssessmentId, 0, 0);
        }

        var size = input.PageSize is > 0 and var n ? n : DefaultPageSize;
        var chunks = new List<Task<int>>();
        var pending = 0;
        string? cursor = null;
        while (true)
        {
            var page = await context.CallActivityAsync<ReleasePage>(nameof(ListReleasePageActivity),
                new ReleasePageInput(input.TenantId, courseId, input.AssessmentId, cursor, size), Retry);
            if (page.ThroughId is not { } through)
            {
                break;
            }

            pending += page.Count;
            chunks.Add(context.CallSubOrchestratorAsync<int>(
                nameof(ReleaseChunkOrchestrator),
                new ReleaseChunkInput(input.TenantId, courseId, input.AssessmentId, cursor, through, size),
                new SubOrchestrationOptions(Retry, $"{context.InstanceId}:chunk:{chunks.Count}")));
            if (page.Count < size)
            {
                break;
            }

            cursor = through;
        }

        var released = await Task.WhenAll(chunks);
        return new ReleaseResultsResult(input.AssessmentId, pending, released.Sum());
    }
}
