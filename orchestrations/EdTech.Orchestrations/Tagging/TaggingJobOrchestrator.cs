using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Tagging;

/// <summary>
/// A content-tagging job: marks it running, fans out one <see cref="TagItemsChunkActivity"/> per
/// <see cref="ChunkSize"/> items (each stores its own suggestions; a bad model answer is that item's
/// error, not the job's), then marks it completed. If a step still fails after its retries the job is
/// marked failed and the failure propagates.
/// </summary>
public sealed class TaggingJobOrchestrator : TaskOrchestrator<TaggingJobInput, TaggingJobResult>
{
    public const int ChunkSize = 5;

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    public override async Task<TaggingJobResult> RunAsync(TaskOrchestrationContext context, TaggingJobInput input)
    {
        var status = new TaggingJobStatusInput(input.TenantId, input.JobId);
        try
        {
            await context.CallActivityAsync<bool>(nameof(MarkTaggingJobRunningActivity), status, Retry);
            var chunks = input.Items.Chunk(ChunkSize).Select((items, n) => context.CallActivityAsync<int>(
                nameof(TagItemsChunkActivity), new TaggingChunkInput(input.TenantId, input.JobId, n, items), Retry));
            var errors = await Task.WhenAll(chunks);
            await context.CallActivityAsync<bool>(nameof(FinishTaggingJobActivity), status, Retry);
            return new TaggingJobResult(input.JobId, input.Items.Count, errors.Sum());
        }
        catch (TaskFailedException ex)
        {
            await context.CallActivityAsync<bool>(nameof(FinishTaggingJobActivity), status with { Error = "Tagging stopped: " + ex.FailureDetails.ErrorMessage }, Retry);
            throw;
        }
    }
}
