using EdTech.Application.Access;
using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Users;

/// <summary>
/// PATCH body (JSON Merge Patch, RFC 7396): an absent field stays as it is; a present one replaces it (<c>roles</c> as a whole
/// list). None of these fields can be removed, so an explicit null is a 422 naming it. <c>active:false</c> deactivates the user
/// (never deletes), <c>active:true</c> reactivates. The id, creation time and anything else are not patchable.
/// </summary>
public sealed record UpdateUserCommand(Optional<string?> DisplayName, Optional<string?> Email, Optional<string[]?> Roles, Optional<bool?> Active);

/// <summary>
/// A tenant admin's change to a user (<see cref="UpdateUserCommand"/>). The write is conditional on the ETag it read: with the
/// client's <c>If-Match</c>, a stale one is 412; without it, a concurrent change is re-read and the patch applied again. A patch
/// that changes nothing writes nothing (same ETag, no audit entry). Every change is audited (subject: the user) and, when it
/// writes, the cached "deactivated?" answer is dropped (<see cref="DeactivatedUsers"/>), so the tenant gate sees it.
/// </summary>
public sealed class UpdateUserHandler(IDocumentStore store, IAuditLog audit, DeactivatedUsers deactivated, TimeProvider clock)
{
    private const int MaxAttempts = 3;

    /// <param name="ifMatch">The client's If-Match ETag; null (or <c>*</c>, mapped to null by the HTTP layer) applies to the latest version.</param>
    public async Task<Outcome<Versioned<UserRecord>>> HandleAsync(Caller caller, string userId, UpdateUserCommand command, string? ifMatch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(command);
        if (!ResourceId.IsValid(userId))
        {
            return Problem.NotFound("user");
        }

        var v = UpdateUserValidator.Validate(command, caller, userId);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await store.GetAsync<UserRecord>(caller.Tenant, userId, ct).ConfigureAwait(false);
            if (stored is null)
            {
                return Problem.NotFound("user");
            }

            if (ifMatch is not null && ifMatch != stored.ETag)
            {
                return Stale;
            }

            var updated = Apply(stored.Value, command);
            var changes = UserChanges.Between(stored.Value, updated);
            if (changes is null)
            {
                return Outcome<Versioned<UserRecord>>.Ok(stored);
            }

            var (status, written) = await store.ReplaceAsync(caller.Tenant, updated, stored.ETag, ct).ConfigureAwait(false);
            if (status == WriteStatus.PreconditionFailed)
            {
                if (ifMatch is not null)
                {
                    return Stale;
                }

                continue;
            }

            await deactivated.ForgetAsync(caller.Tenant, userId, ct).ConfigureAwait(false);
            await audit.AppendAsync(caller.Tenant, changes.ToAuditEntry(caller, userId, stored.ETag, clock.GetUtcNow()), ct).ConfigureAwait(false);
            return Outcome<Versioned<UserRecord>>.Ok(written!);
        }

        return Problem.Conflict("The user changed concurrently; retry.");
    }

    private static Problem Stale => new(ProblemKind.PreconditionFailed, "Precondition failed", "The user changed since that ETag; GET it again.");

    private static UserRecord Apply(UserRecord user, UpdateUserCommand c) => user with
    {
        DisplayName = c.DisplayName.IsSet ? c.DisplayName.Value!.Trim() : user.DisplayName,
        Email = c.Email.IsSet ? c.Email.Value!.Trim() : user.Email,
        Roles = c.Roles.IsSet ? c.Roles.Value!.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() : user.Roles,
        Active = c.Active.IsSet ? c.Active.Value!.Value : user.Active,
    };
}
