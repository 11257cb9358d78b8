using EdTech.Application.Content.Tagging;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Tagging;

public sealed class MarkTaggingJobRunningActivity(TaggingJobSteps steps) : TaskActivity<TaggingJobStatusInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TaggingJobStatusInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await steps.MarkRunningAsync(input.TenantId, input.JobId, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}

public sealed class TagItemsChunkActivity(TaggingJobSteps steps) : TaskActivity<TaggingChunkInput, TaggingProgress>
{
    public override Task<TaggingProgress> RunAsync(TaskActivityContext context, TaggingChunkInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return steps.TagChunkAsync(input.TenantId, input.JobId, input.Page, input.Chunk, CancellationToken.None);
    }
}

public sealed class FinishTaggingPageActivity(TaggingJobSteps steps) : TaskActivity<TaggingPageInput, TaggingProgress>
{
    public override Task<TaggingProgress> RunAsync(TaskActivityContext context, TaggingPageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return steps.FinishPageAsync(input.TenantId, input.JobId, input.Page, CancellationToken.None);
    }
}

public sealed class FinishTaggingJobActivity(TaggingJobSteps steps) : TaskActivity<TaggingJobStatusInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TaggingJobStatusInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await steps.MarkFinishedAsync(input.TenantId, input.JobId, input.Error, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
