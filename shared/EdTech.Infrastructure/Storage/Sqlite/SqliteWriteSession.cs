using System.Globalization;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Data.Sqlite;

namespace EdTech.Infrastructure.Storage.Sqlite;

/// <summary>
/// The writer's connection with its prepared statements. Only the writer task touches it, so the
/// read-then-write conflict checks below cannot race with another write.
/// </summary>
internal sealed class SqliteWriteSession : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly List<SqliteCommand> _commands = [];

    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _savepoint;
    private readonly SqliteCommand _release;
    private readonly SqliteCommand _rollbackToSavepoint;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _select;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _saveCheckpoint;
    private readonly SqliteCommand _saveLastSequence;

    private SqliteWriteSession(SqliteConnection connection, long lastSequence)
    {
        _connection = connection;
        LastSequence = lastSequence;

        // BEGIN IMMEDIATE takes the write lock up front, so a stray second process fails fast at BEGIN
        // (after busy_timeout) instead of midway through a batch.
        _begin = Prepare("BEGIN IMMEDIATE;");
        _commit = Prepare("COMMIT;");
        _rollback = Prepare("ROLLBACK;");
        _savepoint = Prepare("SAVEPOINT op;");
        _release = Prepare("RELEASE op;");
        _rollbackToSavepoint = Prepare("ROLLBACK TO op;");

        _insert = Prepare(
            "INSERT INTO documents(tenant, container, id, partition, json, etag, seq, updated_at, traceparent) " +
            "VALUES($tenant, $container, $id, $partition, $json, $etag, $seq, $updated, $traceparent) " +
            "ON CONFLICT(tenant, container, id) DO NOTHING;",
            "$tenant", "$container", "$id", "$partition", "$json", "$etag", "$seq", "$updated", "$traceparent");
        _update = Prepare(
            "UPDATE documents SET partition = $partition, json = $json, etag = $etag, seq = $seq, updated_at = $updated, traceparent = $traceparent " +
            "WHERE tenant = $tenant AND container = $container AND id = $id AND ($ifMatch IS NULL OR etag = $ifMatch);",
            "$tenant", "$container", "$id", "$partition", "$json", "$etag", "$seq", "$updated", "$traceparent", "$ifMatch");
        _select = Prepare(
            $"SELECT {SqliteRows.Columns} FROM documents WHERE tenant = $tenant AND container = $container AND id = $id;",
            "$tenant", "$container", "$id");
        _delete = Prepare(
            "DELETE FROM documents WHERE tenant = $tenant AND container = $container AND id = $id " +
            "AND ($ifMatch IS NULL OR etag = $ifMatch);",
            "$tenant", "$container", "$id", "$ifMatch");
        _saveCheckpoint = Prepare(
            "INSERT INTO checkpoints(consumer, seq) VALUES($consumer, $seq) ON CONFLICT(consumer) DO UPDATE SET seq = excluded.seq;",
            "$consumer", "$seq");
        _saveLastSequence = Prepare(
            "INSERT INTO store_meta(name, value) VALUES($name, $value) ON CONFLICT(name) DO UPDATE SET value = excluded.value;",
            "$name", "$value");
        _saveLastSequence.Parameters["$name"].Value = SqliteSchema.LastSequenceKey;
    }

    /// <summary>The highest sequence issued so far (committed, or pending in the open batch).</summary>
    public long LastSequence { get; set; }

    /// <summary>The timestamp stamped on every write of the current batch.</summary>
    public DateTimeOffset Now { get; set; }

    /// <summary>
    /// The newest sequence each container was written at in the current batch (a write later undone by its savepoint may stay
    /// here: the map may over-report, never under-report). The writer publishes it after the commit.
    /// </summary>
    public Dictionary<string, long> WrittenContainers { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Each document write of the current batch, in order: its sequence and container. Unlike <see cref="WrittenContainers"/> it
    /// must be exact, so the writer drops the entries a rolled-back savepoint undid (<see cref="ForgetAfter"/>).
    /// </summary>
    public List<(long Sequence, string Container)> WrittenSequences { get; } = [];

    /// <summary>A savepoint was rolled back: its writes' sequences will be issued again.</summary>
    public void ForgetAfter(long sequence) => WrittenSequences.RemoveAll(w => w.Sequence > sequence);

    public static SqliteWriteSession Open(SqliteStoreOptions options)
    {
        var connection = new SqliteConnection(SqliteSchema.WriterConnectionString(options));
        try
        {
            connection.Open();
            var lastSequence = SqliteSchema.Initialize(connection, options);
            return new SqliteWriteSession(connection, lastSequence);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Begin() => _begin.ExecuteNonQuery();

    public void Commit() => _commit.ExecuteNonQuery();

    /// <summary>Rolls the batch back; SQLite may already have done so itself after an I/O error, which is fine.</summary>
    public void TryRollback()
    {
        try
        {
            _rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // "cannot rollback - no transaction is active": nothing left to undo.
        }
    }

    public void Savepoint() => _savepoint.ExecuteNonQuery();

    public void Release() => _release.ExecuteNonQuery();

    /// <summary>Undoes one write but keeps the batch's transaction open for the others.</summary>
    public void RollbackToSavepoint()
    {
        _rollbackToSavepoint.ExecuteNonQuery();
        _release.ExecuteNonQuery();
    }

    public void SaveLastSequence()
    {
        _saveLastSequence.Parameters["$value"].Value = LastSequence;
        _saveLastSequence.ExecuteNonQuery();
    }

    public WriteResult Create(TenantId tenant, string container, string id, string partition, string json, string? traceParent)
    {
        var document = NewVersion(tenant, container, id, partition, json, traceParent);
        Bind(_insert, document);
        if (_insert.ExecuteNonQuery() == 1)
        {
            Written(document);
            return new WriteResult(WriteStatus.Created, document);
        }

        // Idempotent create: report what is stored and leave it alone.
        var existing = Select(tenant, container, id)
            ?? throw new InvalidOperationException($"Insert of '{container}/{id}' conflicted but no row exists.");
        return new WriteResult(WriteStatus.AlreadyExists, existing);
    }

    public WriteResult Replace(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, string? traceParent)
    {
        var document = NewVersion(tenant, container, id, partition, json, traceParent);
        Bind(_update, document);
        _update.Parameters["$ifMatch"].Value = (object?)ifMatch ?? DBNull.Value;
        if (_update.ExecuteNonQuery() == 1)
        {
            Written(document);
            return new WriteResult(WriteStatus.Replaced, document);
        }

        if (ifMatch is not null)
        {
            // Stale ETag or missing document: both are a failed precondition, and nothing was written.
            return new WriteResult(WriteStatus.PreconditionFailed, null);
        }

        Bind(_insert, document);
        if (_insert.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException($"Upsert of '{container}/{id}' found neither a row to update nor room to insert.");
        }

        Written(document);
        return new WriteResult(WriteStatus.Created, document);
    }

    public bool Delete(TenantId tenant, string container, string id, string? ifMatch)
    {
        _delete.Parameters["$tenant"].Value = tenant.Value;
        _delete.Parameters["$container"].Value = container;
        _delete.Parameters["$id"].Value = id;
        _delete.Parameters["$ifMatch"].Value = (object?)ifMatch ?? DBNull.Value;
        return _delete.ExecuteNonQuery() == 1;
    }

    public bool SaveCheckpoint(string consumer, long sequence)
    {
        _saveCheckpoint.Parameters["$consumer"].Value = consumer;
        _saveCheckpoint.Parameters["$seq"].Value = sequence;
        _saveCheckpoint.ExecuteNonQuery();
        return true;
    }

    public void Dispose()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    private void Written(StoredDocument document)
    {
        LastSequence = document.Sequence;
        WrittenContainers[document.Container] = document.Sequence;
        WrittenSequences.Add((document.Sequence, document.Container));
    }

    private StoredDocument NewVersion(TenantId tenant, string container, string id, string partition, string json, string? traceParent) =>
        new(tenant, container, id, partition, json, NewETag(), LastSequence + 1, Now) { TraceParent = traceParent };

    // A fresh GUID rather than the sequence: sequences could repeat after a power loss under
    // synchronous=NORMAL, and an ETag a client has seen must never come back for other content.
    private static string NewETag() => string.Concat("\"", Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture), "\"");

    private StoredDocument? Select(TenantId tenant, string container, string id)
    {
        _select.Parameters["$tenant"].Value = tenant.Value;
        _select.Parameters["$container"].Value = container;
        _select.Parameters["$id"].Value = id;
        using var reader = _select.ExecuteReader();
        return reader.Read() ? SqliteRows.ReadDocument(reader) : null;
    }

    private static void Bind(SqliteCommand command, StoredDocument document)
    {
        var parameters = command.Parameters;
        parameters["$tenant"].Value = document.Tenant.Value;
        parameters["$container"].Value = document.Container;
        parameters["$id"].Value = document.Id;
        parameters["$partition"].Value = document.Partition;
        parameters["$json"].Value = document.Json;
        parameters["$etag"].Value = document.ETag;
        parameters["$seq"].Value = document.Sequence;
        parameters["$updated"].Value = document.UpdatedAt.ToUnixTimeMilliseconds();
        parameters["$traceparent"].Value = (object?)document.TraceParent ?? DBNull.Value;
    }

    private SqliteCommand Prepare(string sql, params string[] parameterNames)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        // Compiled once; later executions only rebind values.
        command.Prepare();
        _commands.Add(command);
        return command;
    }
}
