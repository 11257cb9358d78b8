using System.Security.Cryptography;
using System.Text;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Outbox;

/// <summary>
/// One message leaving the outbox. <see cref="Id"/> is the outbox id: it names tenant, outbox container and record, so it is
/// the same on every re-send of that record (Service Bus duplicate detection and consumers key on it) and never shared by two
/// tenants or two outboxes. <see cref="SessionId"/> is set (to the tenant) only for kinds whose order matters.
/// </summary>
/// <param name="Subject">The event type (<c>grade-changed</c>) or <c>notification.{kind}</c>: what subscriptions filter on.</param>
/// <param name="Body">The JSON payload (schema in docs/integration-events.md).</param>
/// <param name="Source">The outbox container the record lives in (the file adapter writes one log per source).</param>
public sealed record OutboxMessage(TenantId Tenant, string Id, string Subject, string? SessionId, string Body, string Source)
{
    /// <summary>Service Bus caps MessageId at 128 characters.</summary>
    public const int MaxIdLength = 128;

    /// <summary>
    /// <c>{tenant}/{container}/{recordId}</c>; when that exceeds <see cref="MaxIdLength"/> (record ids go to 128 characters)
    /// the part after the tenant becomes its SHA-256 in hex, still deterministic and still tenant-prefixed (63 + 1 + 64).
    /// </summary>
    public static string IdOf(TenantId tenant, string container, string recordId)
    {
        var id = $"{tenant.Value}/{container}/{recordId}";
        return id.Length <= MaxIdLength
            ? id
            : $"{tenant.Value}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{container}/{recordId}")))}";
    }
}
