using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Tenants;

/// <summary>Lifts a suspension (idempotent); the reason of the last suspension is cleared.</summary>
public sealed class ReactivateTenantHandler(TenantStatusChange change)
{
    public Task<Outcome<Versioned<TenantRecord>>> HandleAsync(string id, CancellationToken ct) =>
        change.ApplyAsync(id, (t, now) => t.Status == TenantStatus.Active ? null
            : t with { Status = TenantStatus.Active, SuspendedReason = null, SuspendedAt = null, UpdatedAt = now }, ct);
}
