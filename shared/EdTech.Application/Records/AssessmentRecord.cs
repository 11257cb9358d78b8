using EdTech.Application.Storage;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Records;

/// <param name="State">Top-level so the student list filters on it in the store: <c>draft</c> (students cannot see it) or
/// <c>published</c>; absent (documents written before drafts existed) means published (<see cref="Assessments.Lifecycle.AssessmentStates"/>).</param>
public sealed record AssessmentRecord(
    string Id, string CourseId, int Version, Assessment Assessment, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ReleasedAt = null, string? State = null) : IStoredRecord
{
    public static string Container => Containers.Assessments;

    public string PartitionKey => CourseId;
}
