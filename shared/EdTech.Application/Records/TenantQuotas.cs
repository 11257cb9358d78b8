namespace EdTech.Application.Records;

/// <summary>
/// Per-tenant limits as set by the platform team; null means "the platform default" (<see cref="Defaults"/>),
/// so a change of default reaches every tenant that never chose its own value.
/// </summary>
public sealed record TenantQuotas(int? MaxStudents = null, int? MaxSubmissionsPerMinute = null, int? StorageMb = null)
{
    public static TenantQuotas None { get; } = new();

    public static TenantQuotas Defaults { get; } = new(MaxStudents: 50_000, MaxSubmissionsPerMinute: 6_000, StorageMb: 10_240);

    /// <summary>
    /// The GenAI tagger's chat-model tokens a month (input + output); null: the platform's <c>Tagging:MonthlyTokenBudget</c>
    /// (a setting, so it stays null in <see cref="Effective"/>); 0 turns the chat model off for the tenant.
    /// </summary>
    public long? MonthlyTokenBudget { get; init; }

    /// <summary>The limits in force: each null replaced by its default (the token budget's default is a setting, see above).</summary>
    public TenantQuotas Effective() => new(
        MaxStudents ?? Defaults.MaxStudents,
        MaxSubmissionsPerMinute ?? Defaults.MaxSubmissionsPerMinute,
        StorageMb ?? Defaults.StorageMb) { MonthlyTokenBudget = MonthlyTokenBudget };
}
