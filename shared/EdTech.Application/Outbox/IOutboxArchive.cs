using EdTech.Domain.Tenancy;

namespace EdTech.Application.Outbox;

/// <summary>
/// What an outbox adapter keeps of the messages it has published. Erasure calls <see cref="ForgetSubjectAsync"/> so that
/// nothing the adapter keeps names the erased student: the LocalHost's files drop the student's lines (keeping only a hash
/// of each message id, so once-only delivery still holds); Service Bus keeps nothing once a message is delivered, so there
/// it does nothing (consumers that stored the student's data must erase it themselves: docs/integration-events.md).
/// </summary>
public interface IOutboxArchive
{
    /// <summary>Removes every kept message of <paramref name="tenant"/> naming <paramref name="userId"/>; returns how many.</summary>
    Task<int> ForgetSubjectAsync(TenantId tenant, string userId, CancellationToken cancellationToken);
}
