using EdTech.Application.Content.Tagging;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Tagging;

public sealed class MarkTaggingJobRunningActivity(TaggingJobSteps steps) : TaskActivity<TaggingJobStatusInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TaggingJobStatusInput input)
    {
        await steps.MarkRunningAsync(input.TenantId, input.JobId, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}

public sealed class TagItemsChunkActivity(TaggingJobSteps steps) : TaskActivity<TaggingChunkInput, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, TaggingChunkInput input) =>
        steps.TagChunkAsync(input.TenantId, input.JobId, input.Chunk, input.Items, CancellationToken.None);
}

public sealed class FinishTaggingJobActivity(TaggingJobSteps steps) : TaskActivity<TaggingJobStatusInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TaggingJobStatusInput input)
    {
        await steps.MarkFinishedAsync(input.TenantId, input.JobId, input.Error, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
