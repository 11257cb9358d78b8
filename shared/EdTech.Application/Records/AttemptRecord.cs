using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>
/// One student's attempt of one assessment (docs/timing.md): started on the server's clock, ending at <see cref="EndsAt"/>
/// (null: untimed), with the last autosaved draft (<see cref="DraftSequence"/> is the client's sequence number of
/// <see cref="DraftAnswers"/>). Id <c>t-{hash(user, assessment)}-{number}</c> (AttemptIds), so concurrent starts meet on one
/// document. Partitioned by course like submissions; <see cref="SubmissionId"/> is set once the attempt is submitted.
/// </summary>
public sealed record AttemptRecord(
    string Id,
    string CourseId,
    string AssessmentId,
    string UserId,
    int Number,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndsAt,
    string? OverTime,
    long DraftSequence = 0,
    IReadOnlyList<SubmittedAnswer>? DraftAnswers = null,
    DateTimeOffset? DraftSavedAt = null,
    string? SubmissionId = null,
    DateTimeOffset? SubmittedAt = null) : IStoredRecord
{
    public static string Container => Containers.Attempts;

    public string PartitionKey => CourseId;
}
