using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tenants;

/// <summary>API.md's <c>{id, name, timeZone}</c>, plus an optional kind (default "school") and parent group.</summary>
public sealed record CreateTenantCommand(string? Id, string? Name, string? TimeZone, string? Kind = null, string? ParentId = null);

public sealed class CreateTenantHandler(IDocumentStore store, TimeProvider clock)
{
    public async Task<Outcome<TenantRecord>> HandleAsync(CreateTenantCommand command, CancellationToken ct)
    {
        var v = new Validation()
            .Require(TenantId.IsValid(command.Id), "id", "Lower-case letters, digits and '-', 1 to 63 characters.")
            .Require(command.Id != TenantId.PlatformValue, "id", "Reserved.")
            .Text(command.Name, "name", 200)
            .Require(TimeZones.IsValid(command.TimeZone), "timeZone", "An IANA time zone such as 'Europe/London'.")
            .Require(command.Kind is null || TenantKinds.All.Contains(command.Kind), "kind", "One of 'school', 'college', 'group'.");
        if (v.IsValid)
        {
            await TenantHierarchy.ValidateParentAsync(store, command.Id!, command.ParentId, v, ct).ConfigureAwait(false);
        }

        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var record = new TenantRecord(command.Id!, command.Name!.Trim(), command.TimeZone!, TenantStatus.Active, clock.GetUtcNow())
        {
            Kind = command.Kind ?? TenantKinds.School,
            ParentId = command.ParentId,
        };
        return await store.CreateAsync(TenantId.Platform, record, static (a, b) =>
            a.Name == b.Name && a.TimeZone == b.TimeZone && a.Kind == b.Kind && a.ParentId == b.ParentId, ct).ConfigureAwait(false);
    }
}
