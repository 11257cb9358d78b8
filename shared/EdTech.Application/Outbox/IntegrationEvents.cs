using EdTech.Domain.Serialization;
using System.Globalization;
using EdTech.Application.Records;

namespace EdTech.Application.Outbox;

/// <summary>
/// The integration events the domain announces, with ids derived from the change they announce (the same derivation as the
/// audit entry written beside them), so a retried step or request writes each one once.
/// </summary>
public static class IntegrationEvents
{
    public static IntegrationEventRecord ResultsReleased(SubmissionRecord released, DateTimeOffset at) =>
        new($"{IntegrationEventTypes.ResultsReleased}:{released.Id}", IntegrationEventTypes.ResultsReleased, released.UserId, Grade(released), at);

    /// <summary>
    /// A submission's score changed (first grade, teacher's change, regrade); null when the score did not change.
    /// <paramref name="cause"/> names the step and makes the id: <c>auto-grade</c>, <c>score:{baseETag}</c>, <c>regrade:v{n}</c>.
    /// </summary>
    public static IntegrationEventRecord? GradeChanged(SubmissionRecord before, SubmissionRecord after, string cause, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Score == after.Score)
        {
            return null;
        }

        var data = new Dictionary<string, string>(Grade(after), StringComparer.Ordinal) { ["cause"] = cause.Split(':')[0] };
        if (before.Score is { } old)
        {
            data["previousScore"] = old.ToString(CultureInfo.InvariantCulture);
        }

        return new($"{IntegrationEventTypes.GradeChanged}:{after.Id}:{cause}", IntegrationEventTypes.GradeChanged, after.UserId, data, at);
    }

    /// <summary>
    /// An immediate release's two events (<see cref="GradeChanged"/> by the auto-grader, then <see cref="ResultsReleased"/>) as
    /// one outbox document with the grade-changed id (one write instead of two); the dispatcher publishes both, each under its
    /// own id. Only the release when the score did not change (no grade-changed event).
    /// </summary>
    public static IntegrationEventRecord GradedAndReleased(SubmissionRecord before, SubmissionRecord released, DateTimeOffset at) =>
        GradeChanged(before, released, AutoGradeCause, at) is { } changed
            ? IntegrationEventFolds.Of(changed, ResultsReleased(released, at))
            : ResultsReleased(released, at);

    public const string AutoGradeCause = "auto-grade";

    public const string CreatedRevision = "created";

    public static string TeacherCause(string baseETag) => $"score:{baseETag.Trim('"')}";

    public static string RegradeCause(int version) => $"regrade:v{version.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// An assessment students can see was created or changed. <paramref name="revision"/> makes the id: <c>created</c>, or the
    /// ETag the edit is conditional on (an in-place edit keeps the version number).
    /// </summary>
    public static IntegrationEventRecord AssessmentPublished(AssessmentRecord assessment, string revision, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["assessmentId"] = assessment.Id,
            ["courseId"] = assessment.CourseId,
            ["version"] = assessment.Version.ToString(CultureInfo.InvariantCulture),
            ["title"] = assessment.Assessment.Title,
            ["dueAt"] = assessment.Assessment.DueAt.ToString("O", CultureInfo.InvariantCulture),
        };
        return new($"{IntegrationEventTypes.AssessmentPublished}:{assessment.Id}:{revision.Trim('"')}", IntegrationEventTypes.AssessmentPublished,
            CoursePartition(assessment.CourseId), data, at);
    }

    /// <summary>Course events' partition: ':' is not allowed in ids, so it never equals a user id (erasure reads users' partitions).</summary>
    public static string CoursePartition(string courseId) => $"course:{courseId}";

    private static Dictionary<string, string> Grade(SubmissionRecord s)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["submissionId"] = s.Id,
            ["assessmentId"] = s.AssessmentId,
            ["courseId"] = s.CourseId,
            ["userId"] = s.UserId,
            ["status"] = s.Status.Wire(),
            ["maxScore"] = s.MaxScore.ToString(CultureInfo.InvariantCulture),
        };
        if (s.Score is { } score)
        {
            data["score"] = score.ToString(CultureInfo.InvariantCulture);
        }

        return data;
    }
}
