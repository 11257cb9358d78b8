using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Application.Telemetry;
using EdTech.Domain.Tenancy;

namespace EdTech.Infrastructure.Storage.Sqlite;

/// <summary>
/// The embedded document store and change feed: one SQLite file in WAL mode. Writes are group-committed
/// by <see cref="SqliteWriter"/> and complete only once committed; reads use pooled connections of their
/// own. The feed is "latest version": a write moves the document to the next sequence, a delete drops it.
/// </summary>
public sealed class SqliteDocumentStore : IDocumentStore, IChangeFeed, IAsyncDisposable, IDisposable
{
    private readonly SqliteWriter _writer;
    private readonly SqliteDocumentReader _reader;
    private readonly TimeProvider _time;
    private static readonly TimeSpan MaxSingleWait = TimeSpan.FromDays(1);

    private int _disposed;

    private SqliteDocumentStore(SqliteWriter writer, SqliteDocumentReader reader, TimeProvider time)
    {
        _writer = writer;
        _reader = reader;
        _time = time;
    }

    /// <summary>Opens (creating when missing) the database file and starts the writer.</summary>
    public static SqliteDocumentStore Open(SqliteStoreOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var time = timeProvider ?? TimeProvider.System;
        var session = SqliteWriteSession.Open(options);
        return new SqliteDocumentStore(
            new SqliteWriter(session, time),
            new SqliteDocumentReader(SqliteSchema.ReaderConnectionString(options)),
            time);
    }

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default)
    {
        ValidateKey(container, id);
        return _reader.GetAsync(tenant, container, id, cancellationToken);
    }

    public Task<WriteResult> CreateAsync(
        TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default)
    {
        ValidateDocument(container, id, partition, json);
        // Taken here, on the caller's flow: the writer thread that runs the write has no span of its own.
        var traceParent = TraceParent.Current();
        return StoreWriteMetrics.CountedAsync(container, _writer.Enqueue(session => session.Create(tenant, container, id, partition, json, traceParent), cancellationToken));
    }

    public Task<WriteResult> ReplaceAsync(
        TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default)
    {
        ValidateDocument(container, id, partition, json);
        var traceParent = TraceParent.Current();
        return StoreWriteMetrics.CountedAsync(container, _writer.Enqueue(session => session.Replace(tenant, container, id, partition, json, ifMatch, traceParent), cancellationToken));
    }

    public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        ValidateKey(container, id);
        return StoreWriteMetrics.CountedDeleteAsync(container, _writer.Enqueue(session => session.Delete(tenant, container, id, ifMatch), cancellationToken));
    }

    public Task<IReadOnlyList<StoredDocument>> QueryAsync(
        TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        ArgumentNullException.ThrowIfNull(query);
        return _reader.QueryAsync(tenant, container, query, cancellationToken);
    }

    public Task<IReadOnlyList<StoredDocument>> ReadAsync(long afterSequence, int maxItems, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        return _reader.ReadFeedAsync(afterSequence, maxItems, cancellationToken);
    }

    public Task<ChangeBatch> ReadAsync(long afterSequence, int maxItems, IReadOnlySet<string> containers, int scanWindow, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scanWindow);
        ArgumentNullException.ThrowIfNull(containers);

        // Nothing of these containers was committed after the position: every committed change is someone else's, so the read
        // is answered without touching the file (most consumers read containers written far less often than submissions).
        var committed = _writer.CommittedSequence;
        if (containers.All(c => _writer.LastWriteOf(c) <= afterSequence))
        {
            return Task.FromResult(new ChangeBatch([], Math.Max(committed, afterSequence)));
        }

        // The window's positions of these containers are known in memory (the usual case: written since the store opened, within
        // the last SqliteRecentWrites.Capacity positions): only their rows are read, or none when there are none. Positions whose
        // document moved on are among them, so a few more than a page are looked up; the window then ends at the last of them.
        var end = Math.Min(committed, afterSequence + scanWindow);
        if (_writer.Recent.Find(afterSequence, end, containers, Math.Max(4 * maxItems, 256)) is { } known)
        {
            return known.Sequences.Count == 0
                ? Task.FromResult(new ChangeBatch([], Math.Max(known.CoveredUpTo, afterSequence)))
                : _reader.ReadSequencesAsync(known.Sequences, maxItems, known.CoveredUpTo, cancellationToken);
        }

        return _reader.ReadFeedAsync(afterSequence, maxItems, containers, scanWindow, committed, cancellationToken);
    }

    public long? LatestSequence => _writer.CommittedSequence;

    public Task<long> GetCheckpointAsync(string consumer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        return _reader.GetCheckpointAsync(consumer, cancellationToken);
    }

    public Task SaveCheckpointAsync(string consumer, long sequence, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);

        // Through the writer like any write: it is durable when the task completes, and ordered after
        // the document writes the consumer has already seen.
        return _writer.Enqueue(session => session.SaveCheckpoint(consumer, sequence), cancellationToken);
    }

    public async Task WaitForChangesAsync(long afterSequence, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var infinite = maxWait == Timeout.InfiniteTimeSpan;
        var started = _time.GetTimestamp();
        while (true)
        {
            // Signal first, then sequence: see SqliteWriter.NextCommit.
            var nextCommit = _writer.NextCommit;
            if (_writer.CommittedSequence > afterSequence || Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            var remaining = infinite ? MaxSingleWait : maxWait - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            try
            {
                // Task.WaitAsync rejects timeouts beyond ~49 days; longer waits just go round the loop.
                await nextCommit.WaitAsync(remaining < MaxSingleWait ? remaining : MaxSingleWait, _time, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Loop: returns when maxWait is spent, or waits on after a capped chunk.
            }
        }
    }

    /// <summary>Drains and commits every queued write, then releases the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        _reader.ReleasePool();
    }

    /// <summary>For hosts that dispose synchronously; blocks until queued writes are committed.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static void ValidateKey(string container, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        ArgumentException.ThrowIfNullOrEmpty(id);
    }

    private static void ValidateDocument(string container, string id, string partition, string json)
    {
        ValidateKey(container, id);
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentException.ThrowIfNullOrEmpty(json);
    }
}
