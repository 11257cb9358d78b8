using EdTech.Application.Grading;
using EdTech.Domain.Submissions;
using EdTech.Orchestrations.Grading;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Release;

/// <summary>One chunk of a release: ReleaseIfDue for each submission, in parallel; returns how many are released.</summary>
public sealed class ReleaseChunkOrchestrator : TaskOrchestrator<ReleaseChunkInput, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, ReleaseChunkInput input)
    {
        var results = await Task.WhenAll(input.SubmissionIds.Select(id => context.CallActivityAsync<GradingResult>(
            nameof(ReleaseIfDueActivity), new GradeSubmissionInput(input.TenantId, id), ReleaseResultsOrchestrator.Retry)));
        return results.Count(r => r.Status == SubmissionStatus.Released);
    }
}
