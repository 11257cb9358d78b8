using EdTech.Application.Storage;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Records;

public sealed record AssessmentRecord(string Id, string CourseId, int Version, Assessment Assessment, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ReleasedAt = null) : IStoredRecord
{
    public static string Container => Containers.Assessments;

    public string PartitionKey => CourseId;
}
