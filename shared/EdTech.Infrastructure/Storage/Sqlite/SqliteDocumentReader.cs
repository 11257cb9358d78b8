using EdTech.Application.ChangeFeed;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Data.Sqlite;

namespace EdTech.Infrastructure.Storage.Sqlite;

/// <summary>
/// All reads, on connections of their own: under WAL they see the last commit and never wait for the writer's open
/// transaction. Point reads and checkpoint reads run on kept connections with their statements compiled once
/// (<see cref="SqliteReaderSessions"/>); queries and feed reads on pooled connections.
/// </summary>
internal sealed partial class SqliteDocumentReader(string connectionString)
{
    private const string FeedSql =
        $"SELECT {SqliteRows.Columns} FROM documents WHERE seq > $after ORDER BY seq LIMIT $limit;";

    private const string FeedAtSql =
        $"SELECT {SqliteRows.Columns} FROM documents WHERE seq IN (SELECT value FROM json_each($positions)) ORDER BY seq LIMIT $limit;";

    private readonly SqliteReaderSessions _sessions = new(connectionString);

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken) =>
        WithSession(session =>
        {
            var command = session.Get;
            command.Parameters["$tenant"].Value = tenant.Value;
            command.Parameters["$container"].Value = container;
            command.Parameters["$id"].Value = id;
            using var reader = command.ExecuteReader();
            return reader.Read() ? SqliteRows.ReadDocument(reader) : null;
        }, cancellationToken);

    public async Task<IReadOnlyList<StoredDocument>> QueryAsync(
        TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken)
    {
        Validate(query);
        QueriedFields.Ensure(container, query);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {SqliteRows.Columns} FROM documents WHERE tenant = $tenant AND container = $container");
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        command.Parameters.AddWithValue("$container", container);
        if (query.Partition is not null)
        {
            sql.Append(" AND partition = $partition");
            command.Parameters.AddWithValue("$partition", query.Partition);
        }

        if (query.AfterId is not null)
        {
            sql.Append(" AND id > $afterId");
            command.Parameters.AddWithValue("$afterId", query.AfterId);
        }

        var index = 0;
        foreach (var (field, value) in query.FieldEquals ?? new Dictionary<string, string>())
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND CAST(json_extract(json, $path{index}) AS TEXT) = $value{index}");
            command.Parameters.AddWithValue($"$path{index}", "$." + field);
            command.Parameters.AddWithValue($"$value{index}", value);
            index++;
        }

        AppendConditions(sql, command, query);
        foreach (var (field, value) in query.FieldNotEquals ?? new Dictionary<string, string>())
        {
            // Absent (NULL) or different: old documents without the field pass.
            sql.Append(CultureInfo.InvariantCulture, $" AND (json_extract(json, $path{index}) IS NULL OR CAST(json_extract(json, $path{index}) AS TEXT) <> $value{index})");
            command.Parameters.AddWithValue($"$path{index}", "$." + field);
            command.Parameters.AddWithValue($"$value{index}", value);
            index++;
        }

        // LIMIT -1 means no limit in SQLite.
        sql.Append(" ORDER BY id LIMIT $limit;");
        command.Parameters.AddWithValue("$limit", query.Limit ?? -1);
        command.CommandText = sql.ToString();
        return await ReadDocumentsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Each condition as <c>AND (match OR match ...)</c>. A field that is missing or not text never matches, as in Cosmos; text
    /// compares with SQLite's BINARY collation (ordinal, as the keyset on <c>id</c>). Field names are validated; values and paths
    /// are parameters.
    /// </summary>
    private static void AppendConditions(StringBuilder sql, SqliteCommand command, DocumentQuery query)
    {
        var index = 0;
        foreach (var condition in query.Conditions ?? [])
        {
            var terms = new List<string>();
            foreach (var match in condition.AnyOf)
            {
                var value = $"$m{index}";
                var path = $"$mp{index}";
                command.Parameters.AddWithValue(value, match.Value);
                command.Parameters.AddWithValue(path, "$." + match.Field);
                var isId = match.Field == "id";
                var text = isId ? "id" : $"json_extract(json, {path})";
                var isText = isId ? "1" : $"json_type(json, {path}) = 'text'";
                terms.Add(match.Kind switch
                {
                    FieldMatchKind.StartsWith => $"({isText} AND substr({text}, 1, length({value})) = {value})",
                    FieldMatchKind.AtLeast => $"({isText} AND {text} >= {value})",
                    FieldMatchKind.Below => $"({isText} AND {text} < {value})",
                    FieldMatchKind.ArrayContains =>
                        $"(json_type(json, {path}) = 'array' AND EXISTS (SELECT 1 FROM json_each(documents.json, {path}) AS e WHERE e.type = 'text' AND e.value = {value}))",
                    _ => throw new ArgumentOutOfRangeException(nameof(query), match.Kind, "Unknown match kind."),
                });
                index++;
            }

            sql.Append(" AND (").Append(string.Join(" OR ", terms)).Append(')');
        }
    }

    public async Task<IReadOnlyList<StoredDocument>> ReadFeedAsync(long afterSequence, int maxItems, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = FeedSql;
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", maxItems);
        return await ReadDocumentsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The window is <paramref name="scanWindow"/> positions of the sequence, capped at <paramref name="committedSequence"/> (the
    /// writer's, read before this call: every change up to it is committed and so visible here). Sequences are issued one by one,
    /// so the window holds at most that many rows; finding its end costs no read (counting rows on the seq index did, once per
    /// consumer and commit). Then only the wanted containers' rows are read. A full page of matches ends the covered range at its
    /// last change, so nothing between is skipped.
    /// </summary>
    public async Task<ChangeBatch> ReadFeedAsync(
        long afterSequence, int maxItems, IReadOnlySet<string> containers, int scanWindow, long committedSequence, CancellationToken cancellationToken)
    {
        var end = Math.Min(committedSequence, afterSequence + scanWindow);
        if (end <= afterSequence || containers.Count == 0)
        {
            return new ChangeBatch([], Math.Max(end, afterSequence));
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var names = containers.Select((_, i) => $"$c{i}").ToArray();
        command.CommandText = $"SELECT {SqliteRows.Columns} FROM documents WHERE seq > $after AND seq <= $end AND container IN ({string.Join(", ", names)}) ORDER BY seq LIMIT $limit;";
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$end", end);
        command.Parameters.AddWithValue("$limit", maxItems);
        var i = 0;
        foreach (var container in containers)
        {
            command.Parameters.AddWithValue(names[i++], container);
        }

        var changes = await ReadDocumentsAsync(command, cancellationToken).ConfigureAwait(false);
        return new ChangeBatch(changes, changes.Count == maxItems ? changes[^1].Sequence : end);
    }

    /// <summary>
    /// The first <paramref name="maxItems"/> rows at these feed positions (a window's positions of the wanted containers, known
    /// from <see cref="SqliteRecentWrites"/>, the window ending at <paramref name="windowEnd"/>), in order: the same page as
    /// scanning the window would give. A position whose document was rewritten since (it moved to a later one) or deleted has no row.
    /// </summary>
    public async Task<ChangeBatch> ReadSequencesAsync(IReadOnlyList<long> sequences, int maxItems, long windowEnd, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // One parameter (a JSON array) whatever the count: a parameter per position made compiling and binding the statement
        // cost more than the rows it saved reading.
        command.CommandText = FeedAtSql;
        command.Parameters.AddWithValue("$positions", "[" + string.Join(',', sequences) + "]");
        command.Parameters.AddWithValue("$limit", maxItems);
        var changes = await ReadDocumentsAsync(command, cancellationToken).ConfigureAwait(false);
        return new ChangeBatch(changes, changes.Count == maxItems ? changes[^1].Sequence : windowEnd);
    }

    public Task<long> GetCheckpointAsync(string consumer, CancellationToken cancellationToken) =>
        WithSession(session =>
        {
            var command = session.Checkpoint;
            command.Parameters["$consumer"].Value = consumer;
            var value = command.ExecuteScalar();
            return value is null ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
        }, cancellationToken);

    /// <summary>Runs one read on a kept session; the session goes back to the pool after a clean read, is closed after a failed one.</summary>
    private Task<T> WithSession<T>(Func<SqliteReaderSessions.Session, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var session = _sessions.Rent();
        var failed = true;
        try
        {
            var result = read(session);
            failed = false;
            return Task.FromResult(result);
        }
        finally
        {
            _sessions.Return(session, failed);
        }
    }

    private static void Validate(DocumentQuery query)
    {
        if (query.Limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "Limit cannot be negative.");
        }

        foreach (var field in (query.FieldEquals ?? new Dictionary<string, string>()).Keys.Concat((query.FieldNotEquals ?? new Dictionary<string, string>()).Keys))
        {
            // Names go into a JSON path, so only plain identifiers pass; the path itself is still a parameter.
            if (!FieldName().IsMatch(field))
            {
                throw new ArgumentException($"'{field}' is not a queryable field name.", nameof(query));
            }
        }

        foreach (var condition in query.Conditions ?? [])
        {
            if (condition.AnyOf.Count == 0 || condition.AnyOf.Any(m => !FieldName().IsMatch(m.Field)))
            {
                throw new ArgumentException("A condition needs at least one match, each on a plain field name.", nameof(query));
            }
        }
    }

    /// <summary>Closes idle pooled connections so the file is released (dispose, tests deleting it).</summary>
    public void ReleasePool()
    {
        _sessions.Clear();
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<IReadOnlyList<StoredDocument>> ReadDocumentsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var documents = new List<StoredDocument>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            documents.Add(SqliteRows.ReadDocument(reader));
        }

        return documents;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex FieldName();
}
