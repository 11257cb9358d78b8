using EdTech.Application.Content.Tagging;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Tagging;

/// <summary>
/// A content-tagging job, one page of item refs per execution: marks it running (a no-op after the first page), runs the
/// page's <see cref="TagItemsChunkActivity"/>s with at most <see cref="TaggingJobInput.MaxConcurrentChunks"/> in flight
/// (each stores its suggestions and its tally; a bad model answer is that item's error, not the job's), folds the page
/// into the job's counts (<see cref="FinishTaggingPageActivity"/>), then continues as new with the next page, so the
/// history holds one page's steps (about 200 chunks), whatever the job's size. After the last page it marks the job
/// completed. If a step still fails after its retries the job is marked failed and the failure propagates.
/// Deterministic: which chunk starts next depends only on the order completions are recorded in the history.
/// </summary>
public sealed class TaggingJobOrchestrator : TaskOrchestrator<TaggingJobInput, TaggingJobResult>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    public override async Task<TaggingJobResult> RunAsync(TaskOrchestrationContext context, TaggingJobInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var status = new TaggingJobStatusInput(input.TenantId, input.JobId);
        try
        {
            await context.CallActivityAsync<bool>(nameof(MarkTaggingJobRunningActivity), status, Retry);
            if (input.Page < input.Pages)
            {
                await RunPageAsync(context, input);
                var progress = await context.CallActivityAsync<TaggingProgress>(
                    nameof(FinishTaggingPageActivity), new TaggingPageInput(input.TenantId, input.JobId, input.Page), Retry);
                if (input.Page + 1 < input.Pages)
                {
                    context.ContinueAsNew(input with { Page = input.Page + 1, Done = progress.Done, Failed = progress.Failed });
                    return new TaggingJobResult(input.JobId, input.Total, progress.Failed);
                }

                input = input with { Done = progress.Done, Failed = progress.Failed };
            }

            await context.CallActivityAsync<bool>(nameof(FinishTaggingJobActivity), status, Retry);
            return new TaggingJobResult(input.JobId, input.Total, input.Failed);
        }
        catch (TaskFailedException ex)
        {
            await context.CallActivityAsync<bool>(nameof(FinishTaggingJobActivity), status with { Error = "Tagging stopped: " + ex.FailureDetails.ErrorMessage }, Retry);
            throw;
        }
    }

    /// <summary>Starts chunks in order while fewer than the cap are in flight; each completion makes room for the next (<see cref="InFlightWindow{T}"/>).</summary>
    private static async Task RunPageAsync(TaskOrchestrationContext context, TaggingJobInput input)
    {
        var chunks = new InFlightWindow<TaggingProgress>(input.MaxConcurrentChunks);
        for (var next = 0; next < input.ChunksInPage; next++)
        {
            await chunks.AddAsync(context.CallActivityAsync<TaggingProgress>(
                nameof(TagItemsChunkActivity), new TaggingChunkInput(input.TenantId, input.JobId, input.Page, next), Retry));
        }

        await chunks.AllAsync(); // a chunk that failed past its retries fails the job
    }
}
