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
    DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// The W3C traceparent of the span that wrote this version (null when it was written outside any trace). A system field the
    /// adapters keep beside the JSON, never part of the record (docs/observability.md): the change-feed consumers continue or
    /// link the writer's trace from it.
    /// </summary>
    public string? TraceParent { get; init; }
}
