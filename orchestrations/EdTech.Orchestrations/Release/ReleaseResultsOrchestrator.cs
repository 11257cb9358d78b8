using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Release;

/// <summary>
/// Releases an assessment's results: marks the assessment released (so work graded from now on is released when
/// graded), then lists the graded-not-released submissions by an id cursor, <see cref="PagesPerListing"/> pages per
/// listing step (each step returns only the pages' bounds and counts), and releases each page in one activity
/// (<see cref="ReleaseSubmissionsActivity"/>: the idempotent ReleaseIfDue rule for each of its submissions), at most
/// <see cref="ReleaseResultsInput.PagesInFlight"/> pages at once (<see cref="InFlightWindow{T}"/>). Until 2026-12-08 each page
/// was a sub-orchestration around that one activity, which doubled the engine's work per page for nothing. No step's input or output holds more than the pages' bounds, so a
/// 100k-submission assessment is a thousand small steps, never one payload with every id; and never a thousand at once.
/// </summary>
public sealed class ReleaseResultsOrchestrator : TaskOrchestrator<ReleaseResultsInput, ReleaseResultsResult>
{
    public const int DefaultPageSize = 100;

    /// <summary>Pages at once when the input does not say (<c>Durable:BulkPagesInFlight</c>).</summary>
    public const int DefaultPagesInFlight = BulkPageSettings.DefaultPagesInFlight;

    /// <summary>Pages whose bounds one listing step returns.</summary>
    public const int PagesPerListing = 20;

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

        var inFlight = input.PagesInFlight.GetValueOrDefault();
        if (inFlight <= 0)
        {
            inFlight = DefaultPagesInFlight;
        }

        var chunks = new InFlightWindow<int>(inFlight);
        var pending = 0;
        string? cursor = null;
        var more = true;
        while (more)
        {
            var pages = await context.CallActivityAsync<IReadOnlyList<ReleasePage>>(nameof(ListReleasePageActivity),
                new ReleasePageInput(input.TenantId, courseId, input.AssessmentId, cursor, size, PagesPerListing), Retry);
            foreach (var page in pages)
            {
                pending += page.Count;
                await chunks.AddAsync(context.CallActivityAsync<int>(
                    nameof(ReleaseSubmissionsActivity), new ReleaseChunkInput(input.TenantId, courseId, input.AssessmentId, cursor, page.ThroughId, size), Retry));
                cursor = page.ThroughId;
            }

            // A full listing of full pages may have more after it; anything less is the end.
            more = pages.Count == PagesPerListing && pages[^1].Count == size;
        }

        var released = await chunks.AllAsync();
        return new ReleaseResultsResult(input.AssessmentId, pending, released.Sum());
    }
}
