using EdTech.Application.Outbox;

namespace EdTech.Application.Tests.Privacy;

/// <summary>An outbox publisher that keeps every message it is handed, in order.</summary>
internal sealed class RecordingPublisher : IOutboxPublisher
{
    public List<OutboxMessage> Published { get; } = [];

    public Task PublishAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        Published.AddRange(messages);
        return Task.CompletedTask;
    }
}
