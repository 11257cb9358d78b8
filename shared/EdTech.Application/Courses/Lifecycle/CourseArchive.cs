using EdTech.Application.Common;

namespace EdTech.Application.Courses.Lifecycle;

/// <summary>
/// An archived course is read-only: no new submissions, assessments, assessment edits, publishing or module changes; its
/// history (assessments, submissions, grades, modules, analytics) stays readable by its teachers and students.
/// </summary>
public static class CourseArchive
{
    public const string ArchivedCode = "course-archived";

    /// <summary>409 naming the course (in <c>errors.courseId</c> and the detail) and what was refused.</summary>
    public static Problem Refused(string courseId, string refused) =>
        new(ProblemKind.Conflict, "Course archived",
            $"Course '{courseId}' is archived, so {refused}. Its history stays readable; a tenant admin can unarchive it.",
            new Dictionary<string, string[]> { ["courseId"] = [$"Course '{courseId}' is archived."] })
        { Code = ArchivedCode };
}
