using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace EdTech.Bff.Tests.Content;

/// <summary>A chat model stand-in: answers each request with <c>script(first user message)</c> and records what it was asked.</summary>
public sealed class ScriptedChatClient(Func<string, string> script) : IChatClient
{
    public static string Valid(string tag = "arithmetic", string difficulty = "easy") =>
        $$"""{"tags":["{{tag}}","number-sense"],"difficulty":"{{difficulty}}","rationale":"Asks for a basic fact."}""";

    public ConcurrentQueue<(string UserMessage, ChatOptions? Options, int Messages)> Calls { get; } = new();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var user = list.First(m => m.Role == ChatRole.User).Text;
        Calls.Enqueue((user, options, list.Count));
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, script(user))));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The tagging job does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
