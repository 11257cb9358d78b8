using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Tenants;

public sealed record SuspendTenantCommand(string? Reason);

/// <summary>
/// Suspends a tenant: its users get 403 tenant-suspended at once on this instance and within
/// <see cref="Access.AccessCacheSettings.Ttl"/> (Cache:AccessSeconds) on others. Nothing of its data is touched. Repeating it
/// changes nothing (the first reason and time are kept).
/// </summary>
public sealed class SuspendTenantHandler(TenantStatusChange change)
{
    public Task<Outcome<Versioned<TenantRecord>>> HandleAsync(string id, SuspendTenantCommand command, CancellationToken ct)
    {
        var v = new Validation().Text(command.Reason, "reason", 500);
        if (!v.IsValid)
        {
            return Task.FromResult<Outcome<Versioned<TenantRecord>>>(v.ToProblem());
        }

        return change.ApplyAsync(id, (t, now) => t.Status == TenantStatus.Suspended ? null
            : t with { Status = TenantStatus.Suspended, SuspendedReason = command.Reason!.Trim(), SuspendedAt = now, UpdatedAt = now }, ct);
    }
}
