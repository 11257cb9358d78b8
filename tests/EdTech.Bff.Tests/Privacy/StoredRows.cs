using Microsoft.Data.Sqlite;

namespace EdTech.Bff.Tests.Privacy;

public sealed record StoredRow(string Tenant, string Container, string Id, string Partition, string Json)
{
    public bool Mentions(string text) =>
        new[] { Id, Partition, Json }.Any(column => column.Contains(text, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Every document row of every tenant, read straight from the SQLite file (read-only), not through the API.</summary>
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
        command.CommandText = "SELECT tenant, container, id, partition, json FROM documents";
        using var reader = command.ExecuteReader();
        var rows = new List<StoredRow>();
        while (reader.Read())
        {
            rows.Add(new StoredRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return rows;
    }
}
