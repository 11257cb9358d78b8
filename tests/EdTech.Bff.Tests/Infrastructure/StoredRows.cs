using Microsoft.Data.Sqlite;

namespace EdTech.Bff.Tests.Infrastructure;

public sealed record StoredRow(string Tenant, string Container, string Id, string Partition, string Json, string ETag)
{
    public bool Mentions(string text) =>
        new[] { Id, Partition, Json }.Any(column => column.Contains(text, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Every document row of every tenant, read straight from the SQLite file (read-only), not through the API: the scans of the isolation, erasure and fuzz tests.</summary>
public static class StoredRows
{
    public static IReadOnlyList<StoredRow> ReadAll(string dataDirectory)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "edtech.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tenant, container, id, partition, json, etag FROM documents ORDER BY tenant, container, id";
        using var reader = command.ExecuteReader();
        var rows = new List<StoredRow>();
        while (reader.Read())
        {
            rows.Add(new StoredRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }

        return rows;
    }
}
