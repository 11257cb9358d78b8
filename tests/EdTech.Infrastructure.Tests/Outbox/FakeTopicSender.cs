using System.Runtime.CompilerServices;
using Azure.Messaging.ServiceBus;

namespace EdTech.Infrastructure.Tests.Outbox;

/// <summary>What a send does to the topic.</summary>
public enum SendFault
{
    None,

    /// <summary>The send fails: the topic never gets the batch.</summary>
    Fail,

    /// <summary>The topic accepts the batch, then the process dies before it learns so (the worst case for duplicates).</summary>
    AcceptThenCrash,
}

/// <summary>
/// A <see cref="ServiceBusSender"/> without a namespace (the SDK's protected mocking constructor), whose batches come from
/// <see cref="ServiceBusModelFactory"/>. Every accepted batch is appended to <see cref="Topic"/>, which several senders can share,
/// as the senders of a process and of its restart share one topic.
/// </summary>
public sealed class FakeTopicSender(List<ServiceBusMessage> topic, int maxPerBatch = int.MaxValue) : ServiceBusSender
{
    private readonly ConditionalWeakTable<ServiceBusMessageBatch, List<ServiceBusMessage>> _contents = [];
    private int _sends;

    public List<ServiceBusMessage> Topic { get; } = topic;

    public List<int> BatchSizes { get; } = [];

    /// <summary>The fault of each send call by its number (0-based).</summary>
    public Func<int, SendFault> Fault { get; init; } = _ => SendFault.None;

    public override string EntityPath => "integration-events";

    public override ValueTask<ServiceBusMessageBatch> CreateMessageBatchAsync(CreateMessageBatchOptions options, CancellationToken cancellationToken = default)
    {
        var contents = new List<ServiceBusMessage>();
        var batch = ServiceBusModelFactory.ServiceBusMessageBatch(0, contents, options, _ => contents.Count < maxPerBatch);
        _contents.Add(batch, contents);
        return ValueTask.FromResult(batch);
    }

    public override Task SendMessagesAsync(ServiceBusMessageBatch messageBatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageBatch);
        var contents = _contents.TryGetValue(messageBatch, out var c) ? c : throw new InvalidOperationException("Not a batch of this sender.");
        var fault = Fault(_sends++);
        if (fault == SendFault.Fail)
        {
            throw new ServiceBusException("The topic is unreachable.", ServiceBusFailureReason.ServiceCommunicationProblem);
        }

        Topic.AddRange(contents);
        BatchSizes.Add(contents.Count);
        return fault == SendFault.AcceptThenCrash ? throw new TimeoutException("The process died after the topic accepted the batch.") : Task.CompletedTask;
    }
}
