namespace EdTech.Application.Records;

/// <summary>
/// Per-tenant limits as set by the platform team; null means "the platform default" (<see cref="Defaults"/>),
/// so a change of default reaches every tenant that never chose its own value.
/// </summary>
public sealed record TenantQuotas(int? MaxStudents = null, int? MaxSubmissionsPerMinute = null, int? StorageMb = null)
{
    public static TenantQuotas None { get; } = new();

    public static TenantQuotas Defaults { get; } = new(MaxStudents: 50_000, MaxSubmissionsPerMinute: 6_000, StorageMb: 10_240);

    /// <summary>The limits in force: each null replaced by its default.</summary>
    public TenantQuotas Effective() => new(
        MaxStudents ?? Defaults.MaxStudents,
        MaxSubmissionsPerMinute ?? Defaults.MaxSubmissionsPerMinute,
        StorageMb ?? Defaults.StorageMb);
}
