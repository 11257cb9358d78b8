using System.Collections.Concurrent;
using System.Diagnostics;
using EdTech.Application.Common;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Privacy.Erasure;

/// <summary>
/// The document store every service sees (both hosts compose it over their adapter, <see cref="ErasureGuard"/>): a write of a
/// student's data (<see cref="StudentData.IsGuarded"/>, subject from <see cref="StudentData.SubjectOf"/>) is checked against
/// the student's erasure marker before AND after it is made. Refused before: nothing is written. Marker seen after: the
/// document just written is deleted. Either way <see cref="SubjectErasedException"/> is thrown.
/// <para>
/// Why check-write-recheck-delete and not one conditional write: the marker and the student's documents live in different
/// containers and partitions. SQLite could check and write in one transaction, but Cosmos DB has no transaction or condition
/// across partitions (a transactional batch is one partition key value), and one code path must serve both. The order makes it
/// final anyway: the erasure writes the marker, THEN scans and deletes. If the recheck after a write does not see the marker,
/// the marker was written after that write, so the erasure's scan (which follows its marker write) finds the document and deletes
/// it; if the recheck sees it, this deletes the document itself. Reads and deletes pass through.
/// </para>
/// <para>
/// Only the recheck after the write decides, so only it must read the store. The check before is an early refusal: a
/// student whose marker was absent at a check up to <see cref="ClearFor"/> ago (the same tenant and student, in this
/// process) is not read again before the next write; a marker written through this store forgets all of that at once.
/// So a write for a student erased elsewhere in the last few seconds is made and undone (the recheck) rather than refused
/// before; either way it throws and nothing of it stays. Concurrent checks of one student share one read when that is sound:
/// any check before shares a read in flight; a recheck only one that started after its own write had completed (a submit
/// writes its two documents at once). docs/api-admin-privacy.md.
/// </para>
/// </summary>
public sealed class ErasureGuardedStore(IDocumentStore inner, TimeProvider? clock = null) : IDocumentStore
{
    /// <summary>How long "no marker" seen by a check spares the next write's check before (never the recheck).</summary>
    public static TimeSpan ClearFor { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Students remembered as clear at most (about the students written in the last <see cref="ClearFor"/>).</summary>
    public const int MaxClearEntries = 50_000;

    private const string Clear = "clear";

    private readonly ErasureMarkers _markers = new(inner);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private ExpiringCache<string>? _clearCache;

    /// <summary>Marker reads in flight per (tenant, student), with when each started; an entry lives only while its read runs.</summary>
    private readonly ConcurrentDictionary<string, (long Started, Task<bool> Read)> _reading = new(StringComparer.Ordinal);

    /// <summary>Replaced (all forgotten at once) when a marker is written through this store.</summary>
    private ExpiringCache<string> ClearCache => Volatile.Read(ref _clearCache) ?? Forget();

    /// <summary>The store this one guards (the adapter, or a test's wrapper of it).</summary>
    public IDocumentStore Inner => inner;

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) =>
        inner.GetAsync(tenant, container, id, cancellationToken);

    public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, string partition, CancellationToken cancellationToken = default) =>
        inner.GetAsync(tenant, container, id, partition, cancellationToken);

    public Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default) =>
        IsMarker(container, id)
            ? CreateMarkerAsync(tenant, container, id, partition, json, cancellationToken)
            : GuardAsync(tenant, container, id, partition, json, () => inner.CreateAsync(tenant, container, id, partition, json, cancellationToken), cancellationToken);

    /// <summary>An erasure starting through this store: from its marker on, no student is spared the check before a write.</summary>
    private async Task<WriteResult> CreateMarkerAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken ct)
    {
        Forget();
        try
        {
            return await GuardAsync(tenant, container, id, partition, json, () => inner.CreateAsync(tenant, container, id, partition, json, ct), ct).ConfigureAwait(false);
        }
        finally
        {
            Forget();
        }
    }

    public Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default) =>
        GuardAsync(tenant, container, id, partition, json, () => inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken), cancellationToken);

    public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken);

    public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(tenant, container, query, cancellationToken);

    private async Task<WriteResult> GuardAsync(
        TenantId tenant, string container, string id, string partition, string json, Func<Task<WriteResult>> write, CancellationToken ct)
    {
        // No pattern variable behind `||`: the subject is assigned on every path (mutation testing compiles each mutant of this method).
        var subject = StudentData.IsGuarded(container) ? StudentData.SubjectOf(container, partition, json) : null;
        if (string.IsNullOrEmpty(subject))
        {
            return await write().ConfigureAwait(false);
        }

        // The key carries the tenant; a user id holds no '/' (resource ids), so no two (tenant, student) pairs share one.
        var key = tenant.Value + "/" + subject;
        if (ClearCache.Peek(key) is null)
        {
            if (await IsErasedAsync(tenant, subject, key, startedAfter: long.MinValue).WaitAsync(ct).ConfigureAwait(false))
            {
                throw new SubjectErasedException(container);
            }

            // Good for the next check before (a submit's second document), never for a recheck.
            await ClearCache.GetOrLoadAsync(key, static _ => Task.FromResult<string?>(Clear), CancellationToken.None).ConfigureAwait(false);
        }

        var result = await write().ConfigureAwait(false);
        var written = Stopwatch.GetTimestamp();
        // Not cancellable from here on: a write that raced the erasure must be undone even if the caller gave up.
        if (await IsErasedAsync(tenant, subject, key, startedAfter: written).ConfigureAwait(false))
        {
            ClearCache.Remove(key);
            await inner.DeleteAsync(tenant, container, id, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            throw new SubjectErasedException(container);
        }

        await ClearCache.GetOrLoadAsync(key, static _ => Task.FromResult<string?>(Clear), CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// The marker read of the student: one in flight that started at or after <paramref name="startedAfter"/> is shared (a
    /// recheck passes the time its write completed, so the read it shares cannot have missed a marker written before that).
    /// </summary>
    private Task<bool> IsErasedAsync(TenantId tenant, string subject, string key, long startedAfter)
    {
        if (_reading.TryGetValue(key, out var running) && running.Started >= startedAfter)
        {
            return running.Read;
        }

        var entry = (Started: Stopwatch.GetTimestamp(), Read: _markers.IsErasedAsync(tenant, subject, CancellationToken.None));
        if (!entry.Read.IsCompleted)
        {
            _reading[key] = entry;
            _ = entry.Read.ContinueWith(
                (_, state) => ((ConcurrentDictionary<string, (long, Task<bool>)>)state!).TryRemove(KeyValuePair.Create(key, ((long, Task<bool>))entry)),
                _reading, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return entry.Read;
    }

    /// <summary>Drops every "clear" answer: an erasure's marker was just written through this store.</summary>
    private ExpiringCache<string> Forget()
    {
        var fresh = new ExpiringCache<string>(_clock, ClearFor, MaxClearEntries);
        Volatile.Write(ref _clearCache, fresh);
        return fresh;
    }

    private static bool IsMarker(string container, string id) =>
        container == Containers.Audit && id.StartsWith(ErasureMarkers.IdFor(string.Empty), StringComparison.Ordinal);
}
