using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
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
        // Plain locals, no pattern variables: a mutant leaving one unassigned makes Stryker drop every mutant of RunAsync (docs/mutation.md).
        var mark = await context.CallActivityAsync<ReleaseMark>(nameof(MarkAssessmentReleasedActivity), input, Retry);
        var courseId = mark.CourseId;
        if (courseId is null)
        {
            return new ReleaseResultsResult(input.AssessmentId, 0, 0);
        }

        var size = input.PageSize.GetValueOrDefault();
        if (size <= 0)
        {
            size = DefaultPageSize;
        }

        var chunks = new List<Task<int>>();
        var pending = 0;
        string? cursor = null;
        while (true)
        {
            var page = await context.CallActivityAsync<ReleasePage>(nameof(ListReleasePageActivity),
                new ReleasePageInput(input.TenantId, courseId, input.AssessmentId, cursor, size), Retry);
            var through = page.ThroughId;
            if (through is null)
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
