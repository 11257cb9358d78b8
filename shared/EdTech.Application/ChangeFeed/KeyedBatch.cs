using EdTech.Application.Storage;

namespace EdTech.Application.ChangeFeed;

/// <summary>
/// Runs a handler's batch concurrently: changes that share an order key (the document they write) one after another in
/// feed order, different keys at the same time (bounded), so their store writes share group commits instead of each
/// waiting for its own. Every key runs to its end even when another fails (no sibling is cancelled midway); the first
/// failure is rethrown after all have finished, and the redelivered batch redoes only what is left (handlers are idempotent).
/// </summary>
public static class KeyedBatch
{
    public const int MaxConcurrentKeys = 32;

    public static async Task ForEachAsync(
        IReadOnlyList<StoredDocument> changes, Func<StoredDocument, string> orderKey, Func<StoredDocument, CancellationToken, Task> apply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var groups = changes.GroupBy(c => (c.Tenant, orderKey(c))).Select(g => g.ToList()).ToList();
        using var slots = new SemaphoreSlim(MaxConcurrentKeys);
        await Task.WhenAll(groups.Select(async group =>
        {
            await slots.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                foreach (var change in group)
                {
                    await apply(change, ct).ConfigureAwait(false);
                }
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);
    }

    /// <summary>The order key of a document written per change: the changed document itself.</summary>
    public static string ById(StoredDocument change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Id;
    }

    /// <summary>
    /// Each changed document once, as its latest change in the batch, in feed (sequence) order: for handlers that only need a
    /// document's latest state (a projection that moves forward by sequence, or one that reads the current document anyway), so
    /// a 'submitted → graded → released' run of one submission in one batch is applied once. The Cosmos DB change feed in
    /// latest-version mode already delivers one version per document per read; the LocalHost's SQLite feed holds every version.
    /// </summary>
    public static IReadOnlyList<StoredDocument> LatestVersions(IReadOnlyList<StoredDocument> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return [.. changes.GroupBy(c => (c.Tenant, c.Container, c.Id)).Select(g => g.MaxBy(c => c.Sequence)!).OrderBy(c => c.Sequence)];
    }

    /// <summary>Each changed document of <paramref name="container"/> once, as its latest change in the batch (highest sequence).</summary>
    public static IEnumerable<StoredDocument> LatestPerDocument(IReadOnlyList<StoredDocument> changes, string container)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return changes.Where(c => c.Container == container).GroupBy(c => (c.Tenant, c.Id)).Select(g => g.MaxBy(c => c.Sequence)!);
    }
}
