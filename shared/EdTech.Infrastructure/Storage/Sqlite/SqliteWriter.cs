using System.Collections.Concurrent;
using System.Threading.Channels;

namespace EdTech.Infrastructure.Storage.Sqlite;

/// <summary>
/// Group commit: every write goes through one channel to one task, which runs whatever is pending as
/// one transaction. One COMMIT (and, with synchronous=FULL, one fsync) then serves a whole batch, and a
/// single writer makes read-then-write conflict checks race-free without locks.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    // Bounds the transaction, so one huge burst cannot delay the first callers' completions for long.
    private const int MaxBatchSize = 256;

    private readonly SqliteWriteSession _session;
    private readonly TimeProvider _time;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly List<PendingWrite> _batch = new(MaxBatchSize);
    private readonly Task _loop;

    private readonly ConcurrentDictionary<string, long> _containerSequences = new(StringComparer.Ordinal);
    private readonly long _openedAt;

    private long _committedSequence;
    private TaskCompletionSource _committed = NewSignal();

    public SqliteWriter(SqliteWriteSession session, TimeProvider time)
    {
        _session = session;
        _time = time;
        _committedSequence = session.LastSequence;
        _openedAt = session.LastSequence;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The highest sequence that is durably committed and so visible to readers.</summary>
    public long CommittedSequence => Interlocked.Read(ref _committedSequence);

    /// <summary>
    /// Completes at the next commit that advances the sequence. Take it BEFORE checking
    /// <see cref="CommittedSequence"/>: the writer publishes the sequence before swapping the signal,
    /// so a commit between the two is never missed.
    /// </summary>
    public Task NextCommit => Volatile.Read(ref _committed).Task;

    /// <summary>
    /// The newest committed sequence of any write to <paramref name="container"/>, as far as this process knows: writes of
    /// this process are counted when committed (before <see cref="CommittedSequence"/> moves past them), and for a container
    /// not written since the store was opened it is the sequence the store opened at (anything older is on disk only). Read
    /// <see cref="CommittedSequence"/> first: every commit up to it is already counted here. May over-report, never under-report.
    /// </summary>
    /// <summary>The containers of the recently committed sequences (<see cref="SqliteRecentWrites"/>).</summary>
    public SqliteRecentWrites Recent { get; } = new();

    public long LastWriteOf(string container) => _containerSequences.TryGetValue(container, out var sequence) ? sequence : _openedAt;

    public Task<T> Enqueue<T>(Func<SqliteWriteSession, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var write = new PendingWrite<T>(work, cancellationToken);
        // TryWrite on an unbounded channel fails only once DisposeAsync has completed it.
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(write), typeof(SqliteDocumentStore));

        return write.Task;
    }

    /// <summary>Stops accepting writes, commits everything already queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _session.Dispose();

        // Release anyone still waiting for changes: there will be none from this instance.
        Volatile.Read(ref _committed).TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_batch.Count < MaxBatchSize && reader.TryRead(out var write))
            {
                _batch.Add(write);
            }

            RunBatch();
            _batch.Clear();
        }
    }

    private void RunBatch()
    {
        var sequenceAtStart = _session.LastSequence;
        _session.WrittenContainers.Clear();
        _session.WrittenSequences.Clear();
        var now = _time.GetUtcNow();

        // Milliseconds, the stored precision, so a write's result equals what a later read returns.
        _session.Now = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        try
        {
            _session.Begin();
            foreach (var write in _batch)
            {
                RunOne(write);
            }

            if (_session.LastSequence != sequenceAtStart)
            {
                _session.SaveLastSequence();
            }

            _session.Commit();
        }
        catch (Exception exception)
        {
            // BEGIN or COMMIT itself failed (disk full, I/O error, locked by another process): nothing
            // of the batch is stored, so every caller fails and the sequences are issued again.
            _session.TryRollback();
            _session.LastSequence = sequenceAtStart;
            foreach (var write in _batch)
            {
                write.Fail(exception);
            }

            return;
        }

        if (_session.LastSequence != sequenceAtStart)
        {
            // Containers first, then the sequence: a reader that sees the sequence sees every container written up to it.
            foreach (var (sequence, container) in _session.WrittenSequences)
            {
                Recent.Add(sequence, container);
            }

            foreach (var (container, sequence) in _session.WrittenContainers)
            {
                _containerSequences[container] = sequence;
            }

            Interlocked.Exchange(ref _committedSequence, _session.LastSequence);
            Interlocked.Exchange(ref _committed, NewSignal()).TrySetResult();
        }

        foreach (var write in _batch)
        {
            write.Publish();
        }
    }

    private void RunOne(PendingWrite write)
    {
        if (write.CancellationToken.IsCancellationRequested)
        {
            write.Cancel();
            return;
        }

        // A savepoint per write: an unexpected failure undoes that write only, and the rest still commit.
        var sequenceBefore = _session.LastSequence;
        _session.Savepoint();
        try
        {
            write.Execute(_session);
            _session.Release();
        }
        catch (Exception exception)
        {
            _session.LastSequence = sequenceBefore;
            _session.ForgetAfter(sequenceBefore);
            _session.RollbackToSavepoint();
            write.RecordFailure(exception);
        }
    }
}
