using Microsoft.Data.Sqlite;

namespace EdTech.Infrastructure.Storage.Sqlite;

/// <summary>Connection strings, pragmas and the schema, created idempotently at open.</summary>
internal static class SqliteSchema
{
    /// <summary>Name of the <c>store_meta</c> row that remembers the highest sequence ever issued.</summary>
    public const string LastSequenceKey = "last_seq";

    // store_meta keeps the sequence high-water mark: MAX(documents.seq) alone would go backwards when the
    // newest document is deleted, and reissuing a sequence would hide the next write from a consumer
    // whose checkpoint is already past it.
    // The CHECK on json_valid keeps malformed JSON out, so json_extract in queries can never fail on a stored row.
    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS documents(
            tenant     TEXT    NOT NULL,
            container  TEXT    NOT NULL,
            id         TEXT    NOT NULL,
            partition  TEXT    NOT NULL,
            json       TEXT    NOT NULL CHECK (json_valid(json)),
            etag       TEXT    NOT NULL,
            seq        INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            traceparent TEXT,
            PRIMARY KEY (tenant, container, id));
        CREATE UNIQUE INDEX IF NOT EXISTS ix_documents_seq ON documents(seq);
        CREATE INDEX IF NOT EXISTS ix_documents_partition ON documents(tenant, container, partition, id);
        CREATE TABLE IF NOT EXISTS checkpoints(
            consumer TEXT    NOT NULL PRIMARY KEY,
            seq      INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS store_meta(
            name  TEXT    NOT NULL PRIMARY KEY,
            value INTEGER NOT NULL);
        """;

    /// <summary>The writer's own connection: never pooled, so closing it really releases the file.</summary>
    public static string WriterConnectionString(SqliteStoreOptions options) => new SqliteConnectionStringBuilder
    {
        DataSource = options.DatabasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
    }.ToString();

    /// <summary>Readers share a pool; WAL lets them read the last commit while the writer writes.</summary>
    public static string ReaderConnectionString(SqliteStoreOptions options) => new SqliteConnectionStringBuilder
    {
        DataSource = options.DatabasePath,
        Mode = SqliteOpenMode.ReadWrite,
        Pooling = true,
    }.ToString();

    /// <summary>Sets the pragmas, creates the schema and returns the highest sequence ever issued.</summary>
    public static long Initialize(SqliteConnection connection, SqliteStoreOptions options)
    {
        // journal_mode=WAL is stored in the file; synchronous and busy_timeout belong to this connection.
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, options.SynchronousFull ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
        Execute(connection, "PRAGMA busy_timeout=5000;");
        // Erasure (GDPR/COPPA) must not leave a student's bytes in free pages of the file.
        Execute(connection, "PRAGMA secure_delete=ON;");
        Execute(connection, CreateTables);
        AddTraceParentColumn(connection);

        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT MAX(
                COALESCE((SELECT MAX(seq) FROM documents), 0),
                COALESCE((SELECT value FROM store_meta WHERE name = $name), 0));
            """;
        command.Parameters.AddWithValue("$name", LastSequenceKey);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Files created before the column existed get it (nullable: their rows have no stored trace context).</summary>
    private static void AddTraceParentColumn(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('documents') WHERE name = 'traceparent';";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            Execute(connection, "ALTER TABLE documents ADD COLUMN traceparent TEXT;");
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
