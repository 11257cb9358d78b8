using EdTech.Domain.Submissions;
using EdTech.Application.Storage;

namespace EdTech.Application.Records.Views;

/// <summary>
/// Read model of one submission for its student and teachers; kept by the change feed. <see cref="RubricItems"/>: the scores of
/// items scored with a rubric (chosen levels and comments), shown to the student only once released.
/// </summary>
public sealed record SubmissionViewRecord(
    string Id,
    string AssessmentId,
    string CourseId,
    string UserId,
    SubmissionStatus Status,
    bool Late,
    DateTimeOffset SubmittedAt,
    decimal MaxScore,
    decimal? Score,
    long SourceSequence,
    IReadOnlyList<Domain.Grading.ItemScore>? RubricItems = null) : IStoredRecord
{
    public static string Container => Containers.SubmissionViews;

    public string PartitionKey => UserId;
}
