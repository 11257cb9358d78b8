using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>Read model of one submission for its student and teachers; kept by the change feed.</summary>
public sealed record SubmissionView(
    string Id,
    string AssessmentId,
    string CourseId,
    string UserId,
    string Status,
    bool Late,
    DateTimeOffset SubmittedAt,
    decimal MaxScore,
    decimal? Score,
    long SourceSequence) : IStoredRecord
{
    public static string Container => Containers.SubmissionViews;

    public string PartitionKey => UserId;
}
