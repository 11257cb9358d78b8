using EdTech.Domain.Adaptive;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Learning;

/// <summary>
/// Adaptive-learning settings. The target success is per tenant (configuration "Learning:TargetSuccess" for all,
/// "Learning:Tenants:{tenantId}:TargetSuccess" for one); the rest are platform-wide.
/// </summary>
public sealed record LearningOptions
{
    public double DefaultTargetSuccess { get; init; } = 0.7;

    public IReadOnlyDictionary<string, double> TenantTargetSuccess { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>An item counts as right when score / points reaches this.</summary>
    public decimal CorrectThreshold { get; init; } = 0.5m;

    /// <summary>At most this many recommendations per student.</summary>
    public int MaxRecommendations { get; init; } = 10;

    /// <summary>
    /// How long a process serves its cached copy before re-reading the store (bounds staleness across instances). Two minutes
    /// cover the reads right after a release (students opening their results); a later read is one point read. At five
    /// minutes a process held the last three exam bursts' documents, ~1 KB per student (docs/benchmarks.md, "Memory: what the
    /// later bursts held").
    /// </summary>
    public TimeSpan CacheTime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Calibration guard: an item needs this many responses to be refitted; otherwise it keeps its defaults.</summary>
    public int CalibrationMinResponsesPerItem { get; init; } = 50;

    /// <summary>Calibration guard: a course needs this many distinct students before any item is refitted.</summary>
    public int CalibrationMinPersons { get; init; } = 100;

    /// <summary>Flagging: an item with at least this many not-helpful ratings, and at least half of its ratings, is flagged.</summary>
    public int FlagMinNotHelpful { get; init; } = 3;

    public static LearningOptions Default { get; } = new();

    public double TargetFor(TenantId tenant) => TenantTargetSuccess.TryGetValue(tenant.Value, out var t) ? t : DefaultTargetSuccess;

    public PlannerSettings PlannerFor(TenantId tenant) => new(TargetSuccess: TargetFor(tenant));
}
