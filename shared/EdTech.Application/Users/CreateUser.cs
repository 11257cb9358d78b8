using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Users;

public sealed record CreateUserCommand(string? Id, string? DisplayName, string? Email, IReadOnlyList<string>? Roles);

public sealed class CreateUserHandler(IDocumentStore store, TimeProvider clock)
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

        var record = new UserRecord(command.Id ?? ResourceId.New(), command.DisplayName!.Trim(), command.Email!.Trim(), command.Roles!.Distinct().Order(StringComparer.Ordinal).ToList(), clock.GetUtcNow());
        return await store.CreateAsync(caller.Tenant, record,
            static (a, b) => a.DisplayName == b.DisplayName && a.Email == b.Email && a.Roles.SequenceEqual(b.Roles), ct).ConfigureAwait(false);
    }
}
