using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <param name="ArchivedAt">Set while the course is archived (read-only: docs/api-lifecycle.md); null when active.</param>
/// <param name="UpdatedAt">The last change through PATCH /api/admin/courses/{courseId} (null: never changed).</param>
public sealed record CourseRecord(string Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset? ArchivedAt = null, DateTimeOffset? UpdatedAt = null) : IStoredRecord
{
    public static string Container => Containers.Courses;

    public string PartitionKey => Id;

    public static string? PartitionOf(string id) => id;
}
