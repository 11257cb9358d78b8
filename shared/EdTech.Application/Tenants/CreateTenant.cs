using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tenants;

public sealed record CreateTenantCommand(string? Id, string? Name, string? TimeZone);

public sealed class CreateTenantHandler(IDocumentStore store, TimeProvider clock)
{
    public async Task<Outcome<TenantRecord>> HandleAsync(CreateTenantCommand command, CancellationToken ct)
    {
        var v = new Validation()
            .Require(TenantId.IsValid(command.Id), "id", "Lower-case letters, digits and '-', 1 to 63 characters.")
            .Require(command.Id != TenantId.PlatformValue, "id", "Reserved.")
            .Text(command.Name, "name", 200)
            .Require(TimeZones.IsValid(command.TimeZone), "timeZone", "An IANA time zone such as 'Europe/London'.");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var record = new TenantRecord(command.Id!, command.Name!.Trim(), command.TimeZone!, TenantRecord.Active, clock.GetUtcNow());
        return await store.CreateAsync(TenantId.Platform, record, static (a, b) => a.Name == b.Name && a.TimeZone == b.TimeZone, ct).ConfigureAwait(false);
    }
}
