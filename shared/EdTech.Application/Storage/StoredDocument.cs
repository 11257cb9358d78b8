using EdTech.Domain.Tenancy;

namespace EdTech.Application.Storage;

/// <summary>One document as the store holds it. <see cref="Sequence"/> orders the change feed.</summary>
public sealed record StoredDocument(
    TenantId Tenant,
    string Container,
    string Id,
    string Partition,
    string Json,
    string ETag,
    long Sequence,
    DateTimeOffset UpdatedAt);
