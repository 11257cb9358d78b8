using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace EdTech.Cli.Tests.Commands.Telemetry;

/// <summary>A chat model stand-in (as tests/EdTech.Application.Tests/Content/CapturingChatClient.cs): answers the next scripted text and keeps every request.</summary>
public sealed class ScriptedChatClient(params string[] answers) : IChatClient
{
    private int next;

    public ConcurrentQueue<IReadOnlyList<ChatMessage>> Calls { get; } = new();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue([.. messages.Select(m => new ChatMessage(m.Role, m.Text))]);
        var answer = answers[Math.Min(next++, answers.Length - 1)];
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The summary does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
