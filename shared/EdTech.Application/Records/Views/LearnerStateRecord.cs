using EdTech.Application.Storage;

namespace EdTech.Application.Records.Views;

/// <summary>One item's outcome in a submission: right when score / points reached the threshold.</summary>
public sealed record ItemOutcome(string ItemId, IReadOnlyList<string> Skills, bool Correct);

/// <summary>
/// What one submission contributed, keyed by submission: a redelivered change finds the same contribution and writes
/// nothing; a regrade or a release replaces it. Mastery is replayed from these, so nothing is ever counted twice.
/// </summary>
public sealed record SubmissionContribution(string SubmissionId, string AssessmentId, int AssessmentVersion, bool Released, DateTimeOffset At, IReadOnlyList<ItemOutcome> Items);

/// <summary>A student's scored answers in one course. Id "{courseId}:{userId}", partitioned by user (as Cosmos learner state is).</summary>
public sealed record LearnerStateRecord(string Id, string CourseId, string UserId, IReadOnlyList<SubmissionContribution> Contributions, DateTimeOffset UpdatedAt) : IStoredRecord
{
    public static string Container => Containers.LearnerState;

    public string PartitionKey => UserId;

    public static string? PartitionOf(string id) => RecordIds.Tail(id);

    public static string IdFor(string courseId, string userId) => $"{courseId}:{userId}";
}
