using EdTech.Application.Content.Tagging.AutoTagging;
using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Tagging;

public sealed class TagChangedItemsActivity(AutoTaggingSteps steps) : TaskActivity<AutoTagChunkInput, IReadOnlyList<string>>
{
    public override Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, AutoTagChunkInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return steps.TagAsync(input.TenantId, input.AssessmentId, input.Items, CancellationToken.None);
    }
}

public sealed class AutoApplySuggestionsActivity(AutoTaggingSteps steps) : TaskActivity<AutoApplyInput, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, AutoApplyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return steps.AutoApplyAsync(input.TenantId, input.AssessmentId, input.ItemIds, CancellationToken.None);
    }
}
