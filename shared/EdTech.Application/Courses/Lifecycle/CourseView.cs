using EdTech.Application.Records;

namespace EdTech.Application.Courses.Lifecycle;

/// <summary>A course as a tenant admin reads it (GET/PATCH /api/admin/courses/{courseId}); the ETag travels in the header.</summary>
public sealed record CourseView(string Id, string Title, bool Archived, DateTimeOffset? ArchivedAt, DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt)
{
    public static CourseView Of(CourseRecord c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.Title, c.ArchivedAt is not null, c.ArchivedAt, c.CreatedAt, c.UpdatedAt);
    }
}
