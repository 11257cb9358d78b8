using System.Text.Json;
using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Learning;
using EdTech.Application.Outbox;
using EdTech.Application.Records;
using EdTech.Application.Serialization;
using EdTech.Application.Storage;

namespace EdTech.Application.Privacy;

public sealed record ExportStudentCommand(string UserId);

/// <summary>Everything stored about one student in the tenant: the user record, then each container's documents as stored.</summary>
public sealed record StudentExport(string UserId, DateTimeOffset ExportedAt, JsonElement User, IReadOnlyDictionary<string, IReadOnlyList<JsonElement>> Containers);

/// <summary>
/// Data-subject access (GDPR art. 15 / FERPA): the export is itself a disclosure, so it is audited
/// first and the export then includes its own entry.
/// </summary>
public sealed class ExportStudentHandler(IDocumentStore store, IAuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<StudentExport>> HandleAsync(Caller caller, ExportStudentCommand command, CancellationToken ct)
    {
        if (ExportStudentValidator.Validate(command) is { IsValid: false } v)
        {
            return v.ToProblem();
        }

        var user = await store.GetAsync(caller.Tenant, Containers.Users, command.UserId, ct).ConfigureAwait(false);
        if (user is null || !StudentData.IsStudentOnly(TypedDocumentStore.Read<UserRecord>(user).Value))
        {
            return Problem.NotFound("user");
        }

        var now = clock.GetUtcNow();
        await audit.AppendAsync(caller.Tenant, new AuditEntry("export-" + Guid.NewGuid().ToString("n"), now, caller.UserId,
            caller.Roles.Order(StringComparer.Ordinal).ToList(), AuditActions.StudentExported, command.UserId, $"user:{command.UserId}"), ct).ConfigureAwait(false);

        var containers = new Dictionary<string, IReadOnlyList<JsonElement>>(StringComparer.Ordinal);
        IReadOnlyList<StoredDocument> outboxDocs = [];
        foreach (var (container, query) in StudentData.Locations)
        {
            var docs = await store.QueryAsync(caller.Tenant, container, query(command.UserId), ct).ConfigureAwait(false);
            outboxDocs = container == Containers.IntegrationEvents ? docs : outboxDocs;
            containers[container] = container switch
            {
                Containers.IntegrationEvents => Events(docs),
                // One element per answer as its own document showed it, whether stored per submission or (before the fold) per item.
                Containers.Responses => [.. StoredResponses.ExpandJson(docs).Select(Parse)],
                _ => [.. docs.Select(d => Parse(d.Json))],
            };
        }

        // A release's notification rides in its integration event's document (IntegrationEventFolds.Carrying): shown here, as if stored alone.
        containers[Containers.Notifications] = [.. containers[Containers.Notifications], .. Carried(outboxDocs)];
        containers[Containers.Audit] = (await audit.AboutAsync(caller.Tenant, command.UserId, ct).ConfigureAwait(false))
            .Select(e => JsonSerializer.SerializeToElement(e, EdTechJson.Options)).ToList();
        return Outcome<StudentExport>.Ok(new StudentExport(command.UserId, now, Parse(user.Json), containers));
    }

    /// <summary>The student's integration events, one element each as stored alone, in id order (a folded document holds several).</summary>
    private static List<JsonElement> Events(IReadOnlyList<StoredDocument> docs) =>
        docs.SelectMany(d => IntegrationEventFolds.ExpandJson(d.Json)).Select(Parse)
            .OrderBy(e => e.GetProperty("id").GetString(), StringComparer.Ordinal).ToList();

    private static IEnumerable<JsonElement> Carried(IReadOnlyList<StoredDocument> outboxDocs) =>
        outboxDocs.SelectMany(d => IntegrationEventFolds.NotificationsJson(d.Json)).Select(Parse);

    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
