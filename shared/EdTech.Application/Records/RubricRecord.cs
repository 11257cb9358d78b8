using EdTech.Application.Storage;
using EdTech.Domain.Rubrics;

namespace EdTech.Application.Records;

/// <summary>
/// The current version of a course's rubric (partition = course). Rubric ids are unique within a tenant, as assessment ids.
/// Every edit makes version N+1 after freezing version N as a <see cref="RubricVersionRecord"/>, so scores made with N keep
/// their rubric readable and are never recomputed.
/// </summary>
public sealed record RubricRecord(string Id, string CourseId, int Version, Rubric Rubric, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt) : IStoredRecord
{
    public static string Container => Containers.Rubrics;

    public string PartitionKey => CourseId;
}

/// <summary>A frozen earlier version of a rubric; id <c>{rubricId}:v{version}</c>, partition = course.</summary>
public sealed record RubricVersionRecord(string Id, string RubricId, string CourseId, int Version, Rubric Rubric, DateTimeOffset CreatedAt) : IStoredRecord
{
    public static string Container => Containers.RubricVersions;

    public string PartitionKey => CourseId;

    public static string IdOf(string rubricId, int version) => $"{rubricId}:v{version}";

    public static RubricVersionRecord Of(RubricRecord current) =>
        new(IdOf(current.Id, current.Version), current.Id, current.CourseId, current.Version, current.Rubric, current.UpdatedAt);
}
