using EdTech.Domain.Submissions;
using EdTech.Application.Storage;

namespace EdTech.Application.Records.Views;

/// <summary>
/// Read model: a submission that has been awaiting a teacher's review. It stays, with the submission's
/// newer status, once it leaves the queue, so a redelivered older change cannot put it back
/// (<see cref="SourceSequence"/> only moves forward). Id = submission id; partitioned by course.
/// </summary>
public sealed record ReviewQueueEntry(
    string Id,
    string CourseId,
    string AssessmentId,
    string UserId,
    SubmissionStatus Status,
    DateTimeOffset SubmittedAt,
    long SourceSequence) : IStoredRecord
{
    public static string Container => Containers.ReviewQueue;

    public string PartitionKey => CourseId;
}
