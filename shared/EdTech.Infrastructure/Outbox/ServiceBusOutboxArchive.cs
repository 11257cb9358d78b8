using EdTech.Application.Outbox;
using EdTech.Domain.Tenancy;

namespace EdTech.Infrastructure.Outbox;

/// <summary>
/// Service Bus keeps no published message the application could rewrite: a delivered message is gone from the topic
/// (and an undelivered one expires with the subscription's TTL). Nothing to forget here; consumers that stored what they
/// received must honour erasure themselves (docs/integration-events.md).
/// </summary>
public sealed class ServiceBusOutboxArchive : IOutboxArchive
{
    public Task<int> ForgetSubjectAsync(TenantId tenant, string userId, CancellationToken cancellationToken) => Task.FromResult(0);
}
