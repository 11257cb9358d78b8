using EdTech.Application.Common;
using EdTech.Application.Records;

namespace EdTech.Application.Audit;

/// <summary>
/// Audit entries of lifecycle changes (docs/api-lifecycle.md). The subject is the course (<c>course:{courseId}</c>: ':' never
/// occurs in user ids, so it is never taken for a student's partition). The id derives from the ETag the change wrote, so a
/// replayed append adds nothing.
/// </summary>
public static class LifecycleAudit
{
    public const string CourseArchived = "course.archived";
    public const string CourseUnarchived = "course.unarchived";
    public const string CourseRenamed = "course.renamed";
    public const string AssessmentPublished = "assessment.published";
    public const string AssessmentUnpublished = "assessment.unpublished";
    public const string ModuleDeleted = "module.deleted";

    public static string SubjectOf(string courseId) => $"course:{courseId}";

    public static AuditEntry Of(Caller caller, string action, string courseId, string resource, string writtenETag, DateTimeOffset at, string? old = null, string? @new = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(writtenETag);
        return new($"{SubjectOf(courseId)}:{action}:{resource}:{writtenETag.Trim('"', 'W', '/')}", at, caller.UserId, [.. caller.Roles.Order(StringComparer.Ordinal)],
            action, SubjectOf(courseId), resource, old, @new);
    }
}
