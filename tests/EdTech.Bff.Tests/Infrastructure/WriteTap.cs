using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Bff.Tests.Infrastructure;

/// <summary>
/// Wraps the store adapter (under the erasure guard) and counts the completed writes that mention a watched text (a student's
/// id) in their id, partition or JSON. When the count reaches <see cref="Arm"/>'s N, it runs the armed action (an erasure)
/// before that N-th write returns to its writer: the writer is held between its N-th and its next write for the whole action.
/// </summary>
public sealed class WriteTap(IDocumentStore inner) : IDocumentStore
{
    private readonly object _gate = new();
    private string? _watched;
    private int _triggerAt;
    private int _count;
    private Func<Task>? _action;
    private TaskCompletionSource _fired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private (Func<string, string, string, bool> Matches, TaskCompletionSource Reached, TaskCompletionSource Released)? _hold;

    /// <summary>Writes mentioning the watched text since the last <see cref="Arm"/>.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Completes once the armed action has run to its end.</summary>
    public Task Fired => _fired.Task;

    /// <summary>Watches <paramref name="text"/>; runs <paramref name="action"/> right after the <paramref name="triggerAt"/>-th write (0 = never).</summary>
    public void Arm(string text, int triggerAt, Func<Task> action)
    {
        lock (_gate)
        {
            (_watched, _triggerAt, _count, _action) = (text, triggerAt, 0, action);
            _fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>
    /// Holds the first write matching (container, id, json) before it reaches the store, until <c>release</c> is called;
    /// <c>reached</c> completes when that write arrives (a positive signal that the writer got that far).
    /// </summary>
    public (Task Reached, Action Release) Hold(Func<string, string, string, bool> matches)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _hold = (matches, reached, released);
        }

        return (reached.Task, () => released.TrySetResult());
    }

    /// <summary>Stops watching; an action that has not fired never will.</summary>
    public void Disarm()
    {
        lock (_gate)
        {
            (_watched, _action) = (null, null);
        }
    }

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) =>
        inner.GetAsync(tenant, container, id, cancellationToken);

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, string partition, CancellationToken cancellationToken = default) =>
        inner.GetAsync(tenant, container, id, partition, cancellationToken);

    public async Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default)
    {
        await HoldAsync(container, id, json);
        var result = await inner.CreateAsync(tenant, container, id, partition, json, cancellationToken);
        await AfterWriteAsync(result, id, partition, json);
        return result;
    }

    public async Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default)
    {
        await HoldAsync(container, id, json);
        var result = await inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken);
        await AfterWriteAsync(result, id, partition, json);
        return result;
    }

    public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken);

    public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(tenant, container, query, cancellationToken);

    private async Task HoldAsync(string container, string id, string json)
    {
        TaskCompletionSource? released = null;
        lock (_gate)
        {
            if (_hold is { } hold && hold.Matches(container, id, json))
            {
                hold.Reached.TrySetResult();
                released = hold.Released;
                _hold = null;
            }
        }

        if (released is not null)
        {
            await released.Task;
        }
    }

    private async Task AfterWriteAsync(WriteResult result, string id, string partition, string json)
    {
        if (result.Status is not (WriteStatus.Created or WriteStatus.Replaced))
        {
            return;
        }

        Func<Task>? fire = null;
        TaskCompletionSource? fired = null;
        lock (_gate)
        {
            if (_watched is { } watched && new[] { id, partition, json }.Any(s => s.Contains(watched, StringComparison.Ordinal)))
            {
                _count++;
                if (_count == _triggerAt && _action is { } action)
                {
                    (fire, fired, _action) = (action, _fired, null);
                }
            }
        }

        if (fire is not null)
        {
            // Off the store's writer thread (a completion may run inline there, and the action writes through the same writer).
            await Task.Run(fire);
            fired!.TrySetResult();
        }
    }
}
