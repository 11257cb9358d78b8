using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Users;

/// <summary>A user of the caller's tenant with its ETag (for a conditional PATCH); 404 for an unknown id or another tenant's user.</summary>
public sealed class GetUserHandler(IDocumentStore store)
{
    public async Task<Outcome<Versioned<UserRecord>>> HandleAsync(Caller caller, string userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var stored = ResourceId.IsValid(userId) ? await store.GetAsync<UserRecord>(caller.Tenant, userId, ct).ConfigureAwait(false) : null;
        return stored is null ? Problem.NotFound("user") : Outcome<Versioned<UserRecord>>.Ok(stored);
    }
}
