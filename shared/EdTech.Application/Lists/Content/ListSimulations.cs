using EdTech.Domain.Serialization;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Lists.Content;

/// <summary>One simulation in the list: its request and status (the result: GET .../simulations/{simulationId}).</summary>
public sealed record SimulationListItem(
    string SimulationId, SimulationStatus Status, string CourseId, int Students, int Seed, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt, string? Error);

/// <summary>
/// GET /api/content/simulations?status= and GET /api/admin/simulations?status=: the tenant's simulations, paged by simulation id
/// (stable; not chronological). One query on the tenant's key prefix of <c>simulations</c> (partition = simulation id; only
/// simulation records live there), keyset by id, optionally equal on the indexed <c>status</c>.
/// </summary>
public sealed class ListSimulationsHandler(IDocumentStore store)
{
    public static IReadOnlyList<string> Statuses { get; } = WireEnum.All<SimulationStatus>();

    public async Task<Outcome<Page<SimulationListItem>>> HandleAsync(Caller caller, string? status, string? limit, string? next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var request = ListPaging.Parse(limit, next, v => v
            .Require(status is null || Statuses.Contains(status, StringComparer.Ordinal), "status", $"One of {string.Join(", ", Statuses)}."));
        if (request.Problem is { } problem)
        {
            return problem;
        }

        var (size, after) = request.Value!;
        var fields = status is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { ["status"] = status };
        var rows = (await store.QueryAsync<SimulationRecord>(caller.Tenant, new DocumentQuery(null, fields, size + 1, after), ct).ConfigureAwait(false))
            .Select(r => r.Value).ToList();
        return Outcome<Page<SimulationListItem>>.Ok(ListPaging.Of(rows, size,
            s => new SimulationListItem(s.Id, s.Status, s.CourseId, s.Students, s.Seed, s.CreatedBy, s.CreatedAt, s.FinishedAt, s.Error),
            s => s.Id));
    }
}
