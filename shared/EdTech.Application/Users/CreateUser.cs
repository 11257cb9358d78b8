using EdTech.Application.Common;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Users;

public sealed record CreateUserCommand(string? Id, string? DisplayName, string? Email, IReadOnlyList<string>? Roles);

/// <summary>
/// Creates a user. An id that belonged to an erased student is given out again only once that erasure has finished and its
/// quarantine (<see cref="ErasureSettings.RecreateAfter"/>) has passed: then the erasure marker is lifted and the new user starts
/// with nothing (the erasure left nothing to inherit). Before that: 409 naming <c>id</c>.
/// </summary>
public sealed class CreateUserHandler(IDocumentStore store, ErasureMarkers erasures, ErasureSettings settings, TimeProvider clock)
{
    public async Task<Outcome<UserRecord>> HandleAsync(Caller caller, CreateUserCommand command, CancellationToken ct)
    {
        var v = new Validation().Id(command.Id, "id").Text(command.DisplayName, "displayName", 200).Text(command.Email, "email", 320);
        if (command.Email is { } email && !email.Contains('@', StringComparison.Ordinal))
        {
            v.Add("email", "Not an e-mail address.");
        }

        if (command.Roles is not { Count: > 0 } roles)
        {
            v.Add("roles", "At least one role.");
        }
        else
        {
            for (var i = 0; i < roles.Count; i++)
            {
                v.Require(Roles.IsKnown(roles[i]) && roles[i] != Roles.PlatformAdmin, $"roles[{i}]", "One of student, teacher, tenant-admin, content-author.");
            }
        }

        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        if (command.Id is { } reused && await ReusableAsync(caller.Tenant, reused, ct).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var record = new UserRecord(command.Id ?? ResourceId.New(), command.DisplayName!.Trim(), command.Email!.Trim(), command.Roles!.Distinct().Order(StringComparer.Ordinal).ToList(), clock.GetUtcNow());
        return await store.CreateAsync(caller.Tenant, record,
            static (a, b) => a.DisplayName == b.DisplayName && a.Email == b.Email && a.Roles.SequenceEqual(b.Roles), ct).ConfigureAwait(false);
    }

    /// <summary>Null when the id may be created (never erased, or erased long enough ago: the marker is then lifted); else the 409.</summary>
    private async Task<Problem?> ReusableAsync(TenantId tenant, string id, CancellationToken ct)
    {
        var (marker, completed) = await erasures.StateAsync(tenant, id, ct).ConfigureAwait(false);
        if (marker is null)
        {
            return null;
        }

        if (completed is null || clock.GetUtcNow() < completed.At + settings.RecreateAfter)
        {
            return new Problem(ProblemKind.Conflict, "Conflict", "This id belonged to an erased student; it can be given to a new user once the erasure has settled.",
                new Dictionary<string, string[]> { ["id"] = ["Erased recently; try again later."] });
        }

        await erasures.LiftAsync(tenant, id, ct).ConfigureAwait(false);
        return null;
    }
}
