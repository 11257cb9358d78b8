using System.Text.Json;
using EdTech.Application.Records;
using EdTech.Domain.Assessments;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Content.Tagging;

/// <summary>
/// Asks the chat model for one item's tags and difficulty with a JSON-schema structured output, reads
/// the answer strictly, and asks once more (with the reason) when it is unusable. Never throws for a
/// bad or missing answer: the item gets an error instead.
/// </summary>
public sealed partial class ItemTagger(IChatClient chat, ILogger<ItemTagger> logger)
{
    public const int Attempts = 2;

    public const string SystemPrompt = """
        You tag assessment items for a school's content library. Given one item (its type, prompt,
        choices and the teacher's existing skill tags), answer ONLY with a JSON object matching the schema:
        "tags": 1-8 short lower-case kebab-case topic or skill tags, most specific first, drawn from what
        the item actually asks (not its format); "difficulty": "easy", "medium" or "hard" for the intended
        learners; "rationale": one or two sentences. Do not solve the item or reveal its answer.
        """;

    private static readonly ChatOptions Options = new()
    {
        Temperature = 0,
        MaxOutputTokens = 300,
        ResponseFormat = ChatResponseFormat.ForJsonSchema(TagAnswerSchema.Schema, TagAnswerSchema.Name, "Suggested tags and difficulty for one assessment item."),
    };

    public async Task<TagSuggestion> TagAsync(TaggingItemRef target, AssessmentItem? item, CancellationToken ct)
    {
        if (item is null)
        {
            return Failed(target, "The item no longer exists.");
        }

        List<ChatMessage> messages = [new(ChatRole.System, SystemPrompt), new(ChatRole.User, Describe(item))];
        string? error = null;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            string? text;
            try
            {
                text = (await chat.GetResponseAsync(messages, Options, ct).ConfigureAwait(false)).Text;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogModelCallFailed(logger, ex, target.AssessmentId, target.ItemId);
                return Failed(target, "The model could not be reached.");
            }

            (var answer, error) = TagAnswerSchema.Read(text);
            if (answer is not null)
            {
                return new TagSuggestion(target.ItemId, target.AssessmentId, answer.Tags, answer.Difficulty, answer.Rationale);
            }

            LogAnswerRejected(logger, target.AssessmentId, target.ItemId, attempt, error!);
            messages.Add(new ChatMessage(ChatRole.Assistant, text ?? ""));
            messages.Add(new ChatMessage(ChatRole.User, $"That answer was unusable: {error} Answer again with only the JSON object."));
        }

        return Failed(target, error!);
    }

    /// <summary>The user message: the item as JSON (never its answer key).</summary>
    public static string Describe(AssessmentItem item) => JsonSerializer.Serialize(new
    {
        type = item.Type,
        prompt = item.Prompt,
        choices = item.Choices ?? [],
        existingSkills = item.Skills,
    });

    private static TagSuggestion Failed(TaggingItemRef target, string error) => new(target.ItemId, target.AssessmentId, [], null, null, error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tagging model call failed for {AssessmentId}/{ItemId}")]
    private static partial void LogModelCallFailed(ILogger logger, Exception exception, string assessmentId, string itemId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tagging answer for {AssessmentId}/{ItemId} rejected (attempt {Attempt}): {Reason}")]
    private static partial void LogAnswerRejected(ILogger logger, string assessmentId, string itemId, int attempt, string reason);
}
