using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Data.Sqlite;

namespace EdTech.Infrastructure.Storage.Sqlite;

/// <summary>Maps rows to <see cref="StoredDocument"/>; every document SELECT uses <see cref="Columns"/> in this order.</summary>
internal static class SqliteRows
{
    public const string Columns = "tenant, container, id, partition, json, etag, seq, updated_at, traceparent";

    // The tenant column was written from a validated TenantId, so re-validating it is cheap insurance only.
    public static StoredDocument ReadDocument(SqliteDataReader reader) => new(
        new TenantId(reader.GetString(0)),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetInt64(6),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)))
    {
        TraceParent = reader.IsDBNull(8) ? null : reader.GetString(8),
    };
}
