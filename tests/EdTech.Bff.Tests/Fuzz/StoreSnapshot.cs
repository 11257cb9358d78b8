using Microsoft.Data.Sqlite;

namespace EdTech.Bff.Tests.Fuzz;

/// <summary>
/// What a rejected request must not change: every document's (container, id, etag) in the tenant and
/// in the platform registry. What grading moves on its own is left out: a submission's state (its id
/// must still not appear or vanish), the projections the change feed writes after earlier 202s, and
/// the grading steps' audit entries.
/// </summary>
public static class StoreSnapshot
{

    public static string Take(string databasePath, string tenant)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT tenant || '|' || container || '|' || id || '|' || CASE WHEN container = 'submissions' THEN '' ELSE etag END
            FROM documents WHERE tenant IN ($tenant, 'platform') AND container NOT IN ('submission-views', 'gradebook')
              AND NOT (container = 'audit' AND (id LIKE '%:auto-grade' OR id LIKE '%:release'))
            ORDER BY tenant, container, id;
            """;
        command.Parameters.AddWithValue("$tenant", tenant);
        var rows = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return string.Join('\n', rows);
    }
}
