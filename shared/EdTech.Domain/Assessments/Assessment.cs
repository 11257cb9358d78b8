namespace EdTech.Domain.Assessments;

public sealed record Assessment(
    string Id,
    string CourseId,
    string Title,
    DateTimeOffset DueAt,
    int GraceSeconds,
    int? MaxAttempts,
    LatePolicy? LatePolicy,
    ReleasePolicy Release,
    IReadOnlyList<AssessmentItem> Items,
    string? Category = null,
    int? TimeLimitSeconds = null,
    string? OverTime = null)
{
    /// <summary>The last instant a submission is on time (saturates at <see cref="DateTimeOffset.MaxValue"/>: never throws).</summary>
    public DateTimeOffset Deadline => DateTimeOffset.MaxValue - DueAt <= TimeSpan.FromSeconds(Math.Max(0, GraceSeconds))
        ? DateTimeOffset.MaxValue
        : DueAt.AddSeconds(Math.Max(0, GraceSeconds));

    public decimal MaxScore => Items.Sum(i => i.Points);

    public bool IsLate(DateTimeOffset receivedAt) => receivedAt > Deadline;

    public bool IsReleasedAt(DateTimeOffset now, bool releasedByTeacher) =>
        releasedByTeacher || (Release.ReleaseTime(this) is { } at && now >= at);
}
