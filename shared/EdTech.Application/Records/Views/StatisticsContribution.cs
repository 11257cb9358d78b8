using EdTech.Domain.Submissions;
using EdTech.Application.Storage;

namespace EdTech.Application.Records.Views;

/// <summary>One item of a submission: its score, and whether the student left it unanswered (for the improvement list).</summary>
public sealed record ItemContribution(string ItemId, decimal? Score, bool Skipped = false);

/// <summary>
/// Read model: what one submission adds to its assessment's statistics. Keyed by submission, so a
/// regrade or a redelivered change replaces the contribution instead of adding to it; partitioned by
/// assessment, so the statistics are one partition read. Id = submission id. <see cref="ReceivedAt"/> (the submission's) picks
/// each student's latest attempt for item analysis; contributions written before it existed have none and sort first.
/// </summary>
public sealed record StatisticsContribution(
    string Id,
    string AssessmentId,
    string CourseId,
    string UserId,
    SubmissionStatus Status,
    decimal MaxScore,
    decimal? Score,
    IReadOnlyList<ItemContribution> Items,
    long SourceSequence,
    DateTimeOffset? ReceivedAt = null) : IStoredRecord
{
    public static string Container => Containers.AssessmentStatistics;

    public string PartitionKey => AssessmentId;
}
