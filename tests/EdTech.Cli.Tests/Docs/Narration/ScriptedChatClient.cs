using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace EdTech.Cli.Tests.Docs.Narration;

/// <summary>A chat model stand-in: answers the n-th call with <c>answers[n]</c> (the last one repeats) and keeps every request.</summary>
public sealed class ScriptedChatClient(params string[] answers) : IChatClient
{
    public ConcurrentQueue<IReadOnlyList<ChatMessage>> Calls { get; } = new();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // A copy: the narrator appends to its list for the repair attempt.
        var list = messages.Select(m => new ChatMessage(m.Role, m.Text)).ToList();
        Calls.Enqueue(list);
        var answer = answers[Math.Min(Calls.Count, answers.Length) - 1];
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Narration does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
