using EdTech.Domain.Assessments;

namespace EdTech.Domain.Timing;

/// <summary>
/// One student's times on one assessment: the due date and deadline with their extension, and a timed attempt's end with
/// their extra-time multiplier. Every instant saturates at <see cref="DateTimeOffset.MaxValue"/> (never throws).
/// </summary>
public static class StudentSchedule
{
    /// <summary>Network slack after a timed attempt's end: a submit received within it is not over time, and the auto-submit waits for it.</summary>
    public static readonly TimeSpan AttemptGrace = TimeSpan.FromSeconds(30);

    /// <summary>The student's due date: the later of the assessment's and their extension's.</summary>
    public static DateTimeOffset DueAt(Assessment assessment, Accommodation? accommodation)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return accommodation?.ExtendedDueAt(assessment.Id) is { } extended && extended > assessment.DueAt ? extended : assessment.DueAt;
    }

    /// <summary>The last instant the student's submission is on time: their due date plus the assessment's grace.</summary>
    public static DateTimeOffset Deadline(Assessment assessment, Accommodation? accommodation) =>
        Add(DueAt(assessment, accommodation), TimeSpan.FromSeconds(Math.Max(0, assessment.GraceSeconds)));

    /// <summary>Whether the student has an extension that moves their deadline (null: the assessment's own deadline applies).</summary>
    public static DateTimeOffset? ExtendedDeadline(Assessment assessment, Accommodation? accommodation) =>
        DueAt(assessment, accommodation) > assessment.DueAt ? Deadline(assessment, accommodation) : null;

    public static bool IsLate(Assessment assessment, Accommodation? accommodation, DateTimeOffset receivedAt) =>
        receivedAt > Deadline(assessment, accommodation);

    /// <summary>The student's time limit: the assessment's × their multiplier (1 to 4), rounded up to a whole second; null when untimed.</summary>
    public static TimeSpan? TimeLimit(Assessment assessment, Accommodation? accommodation)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (assessment.TimeLimitSeconds is not { } seconds)
        {
            return null;
        }

        var multiplier = Math.Clamp(accommodation?.TimeMultiplier ?? 1m, Accommodation.MinMultiplier, Accommodation.MaxMultiplier);
        return TimeSpan.FromSeconds((double)Math.Ceiling(seconds * multiplier));
    }

    /// <summary>
    /// When an attempt started at <paramref name="startedAt"/> ends: start + the student's limit, but no later than the student's
    /// deadline when it started before that deadline (the exam closes then; an auto-submit then is on time). An attempt started
    /// after the deadline gets its full limit (its submission is late anyway). Null for an untimed assessment: no end.
    /// </summary>
    public static DateTimeOffset? AttemptEndsAt(Assessment assessment, Accommodation? accommodation, DateTimeOffset startedAt)
    {
        if (TimeLimit(assessment, accommodation) is not { } limit)
        {
            return null;
        }

        var end = Add(startedAt, limit);
        var deadline = Deadline(assessment, accommodation);
        return startedAt <= deadline && deadline < end ? deadline : end;
    }

    /// <summary>A submit received after the attempt's end plus <see cref="AttemptGrace"/> is over time.</summary>
    public static bool IsOverTime(DateTimeOffset? endsAt, DateTimeOffset receivedAt) =>
        endsAt is { } end && receivedAt > Add(end, AttemptGrace);

    /// <summary>When an auto-submit attempt is submitted from its draft: its end plus the grace.</summary>
    public static DateTimeOffset AutoSubmitAt(DateTimeOffset endsAt) => Add(endsAt, AttemptGrace);

    private static DateTimeOffset Add(DateTimeOffset at, TimeSpan span) =>
        DateTimeOffset.MaxValue - at <= span ? DateTimeOffset.MaxValue : at + span;
}
