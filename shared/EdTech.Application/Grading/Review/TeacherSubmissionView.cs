using EdTech.Domain.Submissions;
using EdTech.Application.Records;
using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;

namespace EdTech.Application.Grading.Review;

/// <summary>
/// What a teacher sees of one submission: answers, per-item scores (null = still to be graded by hand) and the totals; for a
/// timed attempt its id, whether it came in over time or was auto-submitted, and the student's extended deadline (docs/timing.md).
/// </summary>
public sealed record TeacherSubmissionView(
    string SubmissionId,
    string AssessmentId,
    int AssessmentVersion,
    string CourseId,
    string UserId,
    SubmissionStatus Status,
    bool Late,
    DateTimeOffset SubmittedAt,
    decimal? RawScore,
    decimal? Score,
    decimal MaxScore,
    IReadOnlyList<TeacherAnswerView> Answers,
    IReadOnlyList<ItemScore> ItemScores,
    DateTimeOffset? GradedAt,
    DateTimeOffset? ReleasedAt,
    string? AttemptId = null,
    bool OverTime = false,
    bool AutoSubmitted = false,
    DateTimeOffset? ExtendedDeadline = null)
{
    public static TeacherSubmissionView Of(SubmissionRecord s) => new TeacherSubmissionView(
        s.Id, s.AssessmentId, s.AssessmentVersion, s.CourseId, s.UserId, s.Status, s.Late, s.ReceivedAt, s.RawScore, s.Score, s.MaxScore,
        s.Answers.Select(a => new TeacherAnswerView(a.ItemId, a.Value)).ToList(), s.ItemScores ?? [], s.GradedAt, s.ReleasedAt)
        with { AttemptId = s.AttemptId, OverTime = s.OverTime, AutoSubmitted = s.AutoSubmitted, ExtendedDeadline = s.ExtendedDeadline };
}

public sealed record TeacherAnswerView(string ItemId, AnswerValue? Value);

/// <summary>A submission as stored, with the ETag a grade must quote in If-Match.</summary>
public sealed record TeacherSubmission(TeacherSubmissionView View, string ETag);
