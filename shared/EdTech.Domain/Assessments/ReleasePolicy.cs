namespace EdTech.Domain.Assessments;

public sealed record ReleasePolicy(string Mode, DateTimeOffset? At)
{
    public const string Immediate = "immediate";
    public const string AfterDue = "afterDue";
    public const string Manual = "manual";
    public const string Scheduled = "scheduled";

    public static IReadOnlyList<string> Modes { get; } = [Immediate, AfterDue, Manual, Scheduled];

    /// <summary>When results become visible to students, or null while only a teacher can release them.</summary>
    public DateTimeOffset? ReleaseTime(Assessment assessment) => Mode switch
    {
        Immediate => DateTimeOffset.MinValue,
        AfterDue => assessment.Deadline,
        Scheduled => At,
        _ => null,
    };
}
