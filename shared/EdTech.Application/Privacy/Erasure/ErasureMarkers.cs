using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Privacy.Erasure;

/// <summary>
/// The erasure marker of one (tenant, user): an audit entry <c>erasing-{hash}</c> in the pseudonymous subject's audit partition
/// (<see cref="SubjectHash"/>, never the user id), written by the erasure BEFORE it deletes anything and kept after it. While
/// it exists, <see cref="ErasureGuardedStore"/> refuses every write of that user's data. It is lifted only when the same id is
/// created again (<see cref="Users.CreateUserHandler"/>), and only after the erasure has finished and its quarantine has passed.
/// The audit container is used so no new container (and no Cosmos resource) is needed; its entries are read by partition only.
/// </summary>
public sealed class ErasureMarkers(IDocumentStore store)
{
    public static string IdFor(string subjectHash) => "erasing-" + subjectHash;

    /// <summary>The erasure's completion record (the tombstone the erasure has always written last but one).</summary>
    public static string TombstoneIdFor(string subjectHash) => "erased-" + subjectHash;

    /// <summary>Writes the marker (idempotent: a repeated erasure keeps the first one).</summary>
    public async Task MarkAsync(TenantId tenant, string userId, Caller actor, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var hash = SubjectHash.Of(tenant, userId);
        var marker = new AuditEntry(IdFor(hash), at, actor.UserId, actor.Roles.Order(StringComparer.Ordinal).ToList(), AuditActions.StudentErasureStarted, hash, Resource: null);
        await store.CreateAsync(tenant, marker, ct).ConfigureAwait(false);
    }

    /// <summary>Whether the user's data may not be written: a point read of the marker (always from the store, never cached).</summary>
    public async Task<bool> IsErasedAsync(TenantId tenant, string userId, CancellationToken ct)
    {
        var hash = SubjectHash.Of(tenant, userId);
        return await store.GetAsync(tenant, Containers.Audit, IdFor(hash), hash, ct).ConfigureAwait(false) is not null;
    }

    /// <summary>The marker and the completion tombstone of the user, each null when absent.</summary>
    public async Task<(AuditEntry? Marker, AuditEntry? Completed)> StateAsync(TenantId tenant, string userId, CancellationToken ct)
    {
        var hash = SubjectHash.Of(tenant, userId);
        var marker = await store.GetAsync<AuditEntry>(tenant, IdFor(hash), hash, ct).ConfigureAwait(false);
        var done = await store.GetAsync<AuditEntry>(tenant, TombstoneIdFor(hash), hash, ct).ConfigureAwait(false);
        return (marker?.Value, done?.Value);
    }

    /// <summary>Lifts the marker (the id is being given to a new user); the tombstone stays as the audit record of the erasure.</summary>
    public Task LiftAsync(TenantId tenant, string userId, CancellationToken ct) =>
        store.DeleteAsync(tenant, Containers.Audit, IdFor(SubjectHash.Of(tenant, userId)), cancellationToken: ct);
}
