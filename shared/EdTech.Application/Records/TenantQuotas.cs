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

    /// <summary>
    /// The limits in force: each null replaced by its default (the token budget's default is a setting, see above). The
    /// submission quota's default scales with the tenant's size: <see cref="SubmissionsPerMinuteFor"/> its student cap.
    /// </summary>
    public TenantQuotas Effective()
    {
        var students = MaxStudents ?? Defaults.MaxStudents!.Value;
        return new(students, MaxSubmissionsPerMinute ?? SubmissionsPerMinuteFor(students), StorageMb ?? Defaults.StorageMb)
        {
            MonthlyTokenBudget = MonthlyTokenBudget,
        };
    }

    /// <summary>
    /// The default submission quota of a tenant of <paramref name="maxStudents"/> students: one and a half submissions per
    /// student a minute, at least <see cref="Defaults"/>' 6,000. The quota is a bucket holding a minute's worth, so at
    /// defaults every student of the school can submit in the same second of an exam's last minute, with half as many again
    /// for retries and second attempts: a school never throttles its own exam. A platform team that sets a quota overrides it.
    /// </summary>
    public static int SubmissionsPerMinuteFor(int maxStudents) =>
        (int)Math.Min(int.MaxValue, Math.Max((long)Defaults.MaxSubmissionsPerMinute!.Value, maxStudents * 3L / 2));
}
