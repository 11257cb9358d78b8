namespace EdTech.Domain.Timing;

/// <summary>A later due date for one student on one assessment (never earlier than the assessment's own: the later of the two counts).</summary>
public sealed record DueDateExtension(string AssessmentId, DateTimeOffset DueAt);

/// <summary>
/// One student's accommodations in one course: an extra-time multiplier for timed attempts (1 = none) and due-date
/// extensions per assessment. Set by the course's teacher or a tenant admin.
/// </summary>
public sealed record Accommodation(decimal TimeMultiplier, IReadOnlyList<DueDateExtension> Extensions)
{
    public const decimal MinMultiplier = 1m;
    public const decimal MaxMultiplier = 4m;
    public const int MaxExtensions = 200;

    public static Accommodation None { get; } = new(1m, []);

    /// <summary>The extended due date for the assessment, if any.</summary>
    public DateTimeOffset? ExtendedDueAt(string assessmentId) =>
        Extensions.FirstOrDefault(e => string.Equals(e.AssessmentId, assessmentId, StringComparison.Ordinal))?.DueAt;
}
