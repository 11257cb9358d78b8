using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace EdTech.Application.Tests.Content;

/// <summary>A chat model stand-in: answers with <c>script(messages, options)</c> and keeps every request it was sent.</summary>
public sealed class CapturingChatClient(Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> script) : IChatClient
{
    public ConcurrentQueue<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = new();

    public static ChatResponse Answer(string json, long input = 100, long output = 20) =>
        new(new ChatMessage(ChatRole.Assistant, json)) { Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output } };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // A copy: the tagger appends to its list for the repair attempt.
        var list = messages.Select(m => new ChatMessage(m.Role, m.Text)).ToList();
        Calls.Enqueue((list, options));
        return Task.FromResult(script(list, options));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Tagging does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
