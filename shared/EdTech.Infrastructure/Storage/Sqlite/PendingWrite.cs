namespace EdTech.Infrastructure.Storage.Sqlite;

/// <summary>
/// One queued write. The writer runs it inside the batch transaction and only publishes the outcome
/// after COMMIT, so a caller never sees a result that is not yet durable.
/// </summary>
internal abstract class PendingWrite(CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Runs the write; the outcome is kept until <see cref="Publish"/>.</summary>
    public abstract void Execute(SqliteWriteSession session);

    /// <summary>This write alone failed (its savepoint was rolled back); reported at publish time.</summary>
    public abstract void RecordFailure(Exception exception);

    /// <summary>The batch committed: hand the outcome to the caller.</summary>
    public abstract void Publish();

    /// <summary>The whole batch failed to commit: nothing of this write was stored.</summary>
    public abstract void Fail(Exception exception);

    /// <summary>The caller gave up before the write ran; nothing was stored.</summary>
    public abstract void Cancel();
}

internal sealed class PendingWrite<T>(Func<SqliteWriteSession, T> work, CancellationToken cancellationToken)
    : PendingWrite(cancellationToken)
{
    // Continuations run asynchronously so callers' code never runs on (and stalls) the writer.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private Exception? _failure;

    public Task<T> Task => _completion.Task;

    public override void Execute(SqliteWriteSession session)
    {
        _failure = null;
        _result = work(session);
    }

    public override void RecordFailure(Exception exception) => _failure = exception;

    public override void Publish()
    {
        if (_failure is null)
        {
            _completion.TrySetResult(_result!);
        }
        else
        {
            _completion.TrySetException(_failure);
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public override void Cancel() => _completion.TrySetCanceled(CancellationToken);
}
