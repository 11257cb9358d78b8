using Microsoft.DurableTask;

namespace EdTech.Orchestrations.Tagging;

/// <summary>
/// Change-feed tagging of one assessment change: sleeps on a durable timer for the debounce window (costing nothing while
/// it waits), then tags the changed items in chunks of <see cref="ChunkSize"/> (each re-reads the item's latest version
/// and skips what a later edit owns or what is already tagged at this content), then auto-applies for tenants that want it.
/// </summary>
public sealed class AutoTagItemsOrchestrator : TaskOrchestrator<AutoTagItemsInput, AutoTagItemsResult>
{
    public const int ChunkSize = 20;

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    public override async Task<AutoTagItemsResult> RunAsync(TaskOrchestrationContext context, AutoTagItemsInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.DebounceSeconds > 0)
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(input.DebounceSeconds), CancellationToken.None);
        }

        var chunks = input.Items.Chunk(ChunkSize).Select(items => context.CallActivityAsync<IReadOnlyList<string>>(
            nameof(TagChangedItemsActivity), new AutoTagChunkInput(input.TenantId, input.AssessmentId, items), Retry));
        var tagged = (await Task.WhenAll(chunks)).SelectMany(t => t).ToList();
        var applied = tagged.Count == 0 ? 0 : await context.CallActivityAsync<int>(
            nameof(AutoApplySuggestionsActivity), new AutoApplyInput(input.TenantId, input.AssessmentId, tagged), Retry);
        return new AutoTagItemsResult(tagged.Count, applied);
    }
}
