using EdTech.Domain.Submissions;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;

namespace EdTech.Application.Records;

public sealed record SubmittedAnswer(string ItemId, AnswerValue? Value);

/// <summary>
/// The write model of one attempt. Partitioned by course, as grading and gradebooks read by course.
/// <see cref="AssessmentVersion"/> is the version the student answered; <see cref="GradedVersion"/> the
/// version whose answer key the scores come from (null: graded before versioning, i.e. version 1 or the answered one).
/// <see cref="BodyHash"/> is the hash of the canonical submit body (<c>SubmissionBodyHash</c>), compared when the same
/// Idempotency-Key comes again (null: stored before hashes were kept; treated as matching).
/// Timing (docs/timing.md): <see cref="AttemptId"/> the timed attempt it ends, <see cref="OverTime"/> received after that attempt's
/// end plus grace, <see cref="ExtendedDeadline"/> the student's own deadline when an extension moved it (late penalties count from
/// it), <see cref="AutoSubmitted"/> submitted from the last draft by the attempt's timer.
/// </summary>
public sealed record SubmissionRecord(
    string Id,
    string AssessmentId,
    int AssessmentVersion,
    string CourseId,
    string UserId,
    IReadOnlyList<SubmittedAnswer> Answers,
    DateTimeOffset ReceivedAt,
    bool Late,
    SubmissionStatus Status,
    decimal MaxScore,
    string? IdempotencyKey = null,
    IReadOnlyList<ItemScore>? ItemScores = null,
    decimal? RawScore = null,
    decimal? Score = null,
    DateTimeOffset? GradedAt = null,
    DateTimeOffset? ReleasedAt = null,
    int? GradedVersion = null,
    string? BodyHash = null,
    string? AttemptId = null,
    bool OverTime = false,
    DateTimeOffset? ExtendedDeadline = null,
    bool AutoSubmitted = false) : IStoredRecord
{
    public static string Container => Containers.Submissions;

    public string PartitionKey => CourseId;
}
