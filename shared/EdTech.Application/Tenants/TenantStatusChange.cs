using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tenants;

/// <summary>Read-modify-write of a tenant's status under optimistic concurrency, then the directory cache is dropped.</summary>
public sealed class TenantStatusChange(IDocumentStore store, TimeProvider clock, TenantDirectory directory)
{
    /// <param name="change">The new record, or null when the tenant is already in the wanted state.</param>
    public async Task<Outcome<Versioned<TenantRecord>>> ApplyAsync(string id, Func<TenantRecord, DateTimeOffset, TenantRecord?> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var stored = TenantId.IsValid(id) ? await store.GetAsync<TenantRecord>(TenantId.Platform, id, ct).ConfigureAwait(false) : null;
            if (stored is null)
            {
                return Problem.NotFound("tenant");
            }

            if (change(stored.Value, clock.GetUtcNow()) is not { } updated)
            {
                directory.Invalidate(id);
                return Outcome<Versioned<TenantRecord>>.Ok(stored);
            }

            var (status, written) = await store.ReplaceAsync(TenantId.Platform, updated, stored.ETag, ct).ConfigureAwait(false);
            if (status != WriteStatus.PreconditionFailed)
            {
                directory.Invalidate(id);
                return Outcome<Versioned<TenantRecord>>.Ok(written!);
            }
        }

        return Problem.Conflict("The tenant changed concurrently; retry.");
    }
}
