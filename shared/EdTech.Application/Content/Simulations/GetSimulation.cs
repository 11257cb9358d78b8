using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Simulation;

namespace EdTech.Application.Content.Simulations;

/// <summary>
/// <c>GET /api/content/simulations/{id}</c>. Figures are null until completed. <c>timeToMastery</c> (practice opportunities until the
/// mastery estimate reached the threshold, the cap for a student who never did), <c>courseId</c>, <c>createdAt</c>,
/// <c>finishedAt</c> and <c>error</c> are extensions to the contract.
/// </summary>
public sealed record SimulationView(
    string Id,
    SimulationStatus Status,
    string CourseId,
    int Students,
    int Seed,
    SimulationSide? Baseline,
    SimulationSide? Proposal,
    SimulationDelta? Delta,
    IReadOnlyList<string> Warnings,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    string? Error)
{
    public static SimulationView From(SimulationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var result = record.Status == SimulationStatus.Completed ? record.Result : null;
        return new SimulationView(record.Id, record.Status, record.CourseId, record.Students, record.Seed,
            result is null ? null : SimulationSide.From(result.Baseline),
            result is null ? null : SimulationSide.From(result.Proposal),
            result is null ? null : SimulationDelta.From(result.Delta),
            record.Warnings ?? [], record.CreatedAt, record.FinishedAt, record.Error);
    }
}

/// <summary>One variant's point estimates: pass rate and mean score (share of points), and per skill the share mastered and the time to mastery.</summary>
public sealed record SimulationSide(double PassRate, double MeanScore, IReadOnlyDictionary<string, double> Mastery, IReadOnlyDictionary<string, double> TimeToMastery)
{
    public static SimulationSide From(SimulationFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return new(figures.PassRate.Mean, figures.MeanScore.Mean,
            figures.Mastery.ToDictionary(m => m.Key, m => m.Value.Mean, StringComparer.Ordinal),
            figures.TimeToMastery.ToDictionary(m => m.Key, m => m.Value.Mean, StringComparer.Ordinal));
    }
}

/// <summary>A difference proposal − baseline and its 95% interval [lo, hi].</summary>
public sealed record IntervalView(double Mean, IReadOnlyList<double> Ci95)
{
    public static IntervalView From(Estimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        return new(estimate.Mean, [estimate.Low, estimate.High]);
    }
}

public sealed record SimulationDelta(IntervalView PassRate, IntervalView MeanScore, IReadOnlyDictionary<string, IntervalView> Mastery, IReadOnlyDictionary<string, IntervalView> TimeToMastery)
{
    public static SimulationDelta From(SimulationFigures delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        return new(IntervalView.From(delta.PassRate), IntervalView.From(delta.MeanScore),
            delta.Mastery.ToDictionary(m => m.Key, m => IntervalView.From(m.Value), StringComparer.Ordinal),
            delta.TimeToMastery.ToDictionary(m => m.Key, m => IntervalView.From(m.Value), StringComparer.Ordinal));
    }
}

/// <summary>Reads one simulation of the caller's tenant (404 for another tenant's or an unknown id).</summary>
public sealed class GetSimulationHandler(IDocumentStore store)
{
    public async Task<Outcome<SimulationRecord>> HandleAsync(Caller caller, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Domain.Tenancy.ResourceId.IsValid(id) && await store.GetAsync<SimulationRecord>(caller.Tenant, id, ct).ConfigureAwait(false) is { } stored
            ? Outcome<SimulationRecord>.Ok(stored.Value)
            : Problem.NotFound("simulation");
    }
}
