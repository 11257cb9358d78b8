using EdTech.Application.Content.Tagging;
using EdTech.Orchestrations.Tagging;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace EdTech.Functions.Durable;

/// <summary>One-line wrappers: the Durable Functions triggers for the shared content-tagging orchestrator and activities.</summary>
public static class TaggingFunctions
{
    [Function(nameof(TaggingJobOrchestrator))]
    public static Task<TaggingJobResult> TaggingJob([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new TaggingJobOrchestrator().RunAsync(context, context.GetInput<TaggingJobInput>()!);

    [Function(nameof(MarkTaggingJobRunningActivity))]
    public static Task<bool> MarkTaggingJobRunning([ActivityTrigger] TaggingJobStatusInput input, FunctionContext context) =>
        FunctionActivityContext.Run<MarkTaggingJobRunningActivity, TaggingJobStatusInput, bool>(context, input);

    [Function(nameof(TagItemsChunkActivity))]
    public static Task<TaggingProgress> TagItemsChunk([ActivityTrigger] TaggingChunkInput input, FunctionContext context) =>
        FunctionActivityContext.Run<TagItemsChunkActivity, TaggingChunkInput, TaggingProgress>(context, input);

    [Function(nameof(FinishTaggingPageActivity))]
    public static Task<TaggingProgress> FinishTaggingPage([ActivityTrigger] TaggingPageInput input, FunctionContext context) =>
        FunctionActivityContext.Run<FinishTaggingPageActivity, TaggingPageInput, TaggingProgress>(context, input);

    [Function(nameof(FinishTaggingJobActivity))]
    public static Task<bool> FinishTaggingJob([ActivityTrigger] TaggingJobStatusInput input, FunctionContext context) =>
        FunctionActivityContext.Run<FinishTaggingJobActivity, TaggingJobStatusInput, bool>(context, input);

    [Function(nameof(AutoTagItemsOrchestrator))]
    public static Task<AutoTagItemsResult> AutoTagItems([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new AutoTagItemsOrchestrator().RunAsync(context, context.GetInput<AutoTagItemsInput>()!);

    [Function(nameof(TagChangedItemsActivity))]
    public static Task<IReadOnlyList<string>> TagChangedItems([ActivityTrigger] AutoTagChunkInput input, FunctionContext context) =>
        FunctionActivityContext.Run<TagChangedItemsActivity, AutoTagChunkInput, IReadOnlyList<string>>(context, input);

    [Function(nameof(AutoApplySuggestionsActivity))]
    public static Task<int> AutoApplySuggestions([ActivityTrigger] AutoApplyInput input, FunctionContext context) =>
        FunctionActivityContext.Run<AutoApplySuggestionsActivity, AutoApplyInput, int>(context, input);
}
