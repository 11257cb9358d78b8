using EdTech.Application.Storage;

namespace EdTech.Application.Records;

public sealed record CourseRecord(string Id, string Title, DateTimeOffset CreatedAt) : IStoredRecord
{
    public static string Container => Containers.Courses;

    public string PartitionKey => Id;

    public static string? PartitionOf(string id) => id;
}
