using static EdTech.Bff.Security.AccessScope;
using static EdTech.Domain.Tenancy.Roles;

namespace EdTech.Bff.Security;

/// <summary>
/// The one source of truth for who may call what. Every mapped endpoint must have exactly one row
/// (checked at start-up by <see cref="AccessTableConventions"/> and by the permission-matrix tests,
/// which are generated from these rows). Adding an endpoint = mapping it in its group + one row here.
/// </summary>
public static class AccessTable
{
    public static IReadOnlyList<AccessRule> Rows { get; } =
    [
        Row("GET", "/api/health", Anonymous),
        Row("GET", "/api/health/ready", Anonymous),
        Row("GET", "/api/openapi/{documentName}.json", Anonymous),

        Row("POST", "/api/platform/tenants", Platform, PlatformAdmin),
        Row("GET", "/api/platform/tenants", Platform, PlatformAdmin),
        Row("GET", "/api/platform/tenants/{id}", Platform, PlatformAdmin),
        Row("PATCH", "/api/platform/tenants/{id}", Platform, PlatformAdmin),
        Row("POST", "/api/platform/tenants/{id}/suspend", Platform, PlatformAdmin),
        Row("POST", "/api/platform/tenants/{id}/reactivate", Platform, PlatformAdmin),

        Row("POST", "/api/admin/users", Tenant, TenantAdmin),
        Row("POST", "/api/admin/courses", Tenant, TenantAdmin),
        Row("POST", "/api/admin/courses/{courseId}/enrollments", Tenant, TenantAdmin),
        Row("GET", "/api/admin/students/{userId}/export", Tenant, TenantAdmin),
        Row("POST", "/api/admin/students/{userId}/erasure", Tenant, TenantAdmin),
        Row("POST", "/api/admin/roster/oneroster", Tenant, TenantAdmin),
        Row("GET", "/api/admin/settings/analytics", Tenant, TenantAdmin),
        Row("PUT", "/api/admin/settings/analytics", Tenant, TenantAdmin),
        // The contract's tenant-admin prefix for simulations (the same handlers as /api/content/simulations).
        Row("POST", "/api/admin/simulations", Tenant, TenantAdmin),
        Row("GET", "/api/admin/simulations/{simulationId}", Tenant, TenantAdmin),
        // Lists (API.md v2, docs/api-lists.md): everything of the caller's tenant; a course's enrollments 404 for an unknown course.
        Row("GET", "/api/admin/users", Tenant, TenantAdmin),
        Row("GET", "/api/admin/courses", Tenant, TenantAdmin),
        Row("GET", "/api/admin/courses/{courseId}/enrollments", Tenant, TenantAdmin),
        Row("GET", "/api/admin/audit", Tenant, TenantAdmin),
        Row("GET", "/api/admin/simulations", Tenant, TenantAdmin),
        // Users and enrollments (API.md v2): the handlers read in the caller's tenant only (404 otherwise).
        Row("GET", "/api/admin/users/{userId}", Tenant, TenantAdmin),
        Row("PATCH", "/api/admin/users/{userId}", Tenant, TenantAdmin),
        Row("DELETE", "/api/admin/courses/{courseId}/enrollments/{userId}", Tenant, TenantAdmin),
        // Lifecycle (docs/api-lifecycle.md): a course's read (ETag) and merge patch (rename, archive, unarchive; optional If-Match).
        Row("GET", "/api/admin/courses/{courseId}", Tenant, TenantAdmin),
        Row("PATCH", "/api/admin/courses/{courseId}", Tenant, TenantAdmin),
        // Accommodations (docs/timing.md): a tenant admin reaches every course of the tenant; the handler 404s an unknown course or a user not enrolled as its student.
        Row("GET", "/api/admin/courses/{courseId}/accommodations/{userId}", Tenant, TenantAdmin),
        Row("PUT", "/api/admin/courses/{courseId}/accommodations/{userId}", Tenant, TenantAdmin),
        Row("DELETE", "/api/admin/courses/{courseId}/accommodations/{userId}", Tenant, TenantAdmin),

        Row("POST", "/api/teacher/courses/{courseId}/assessments", Course, Teacher),
        Row("GET", "/api/teacher/courses/{courseId}/assessments/{assessmentId}", Course, Teacher),
        Row("PUT", "/api/teacher/courses/{courseId}/assessments/{assessmentId}", Course, Teacher),
        Row("GET", "/api/teacher/courses/{courseId}/gradebook", Course, Teacher),
        Row("PUT", "/api/teacher/courses/{courseId}/grading-scheme", Course, Teacher),
        Row("GET", "/api/teacher/courses/{courseId}/grading-scheme", Course, Teacher),
        Row("GET", "/api/teacher/assessments/{assessmentId}/statistics", Course, Teacher),
        // Submission routes: CourseScopeFilter only resolves {courseId}/{assessmentId}, so the handlers check the course (404 otherwise).
        Row("GET", "/api/teacher/submissions/{submissionId}", Tenant, Teacher),
        Row("GET", "/api/teacher/review-queue", Tenant, Teacher),
        Row("POST", "/api/teacher/submissions/{submissionId}/grades", Tenant, Teacher),
        Row("POST", "/api/teacher/assessments/{assessmentId}/release", Course, Teacher),
        Row("PUT", "/api/teacher/courses/{courseId}/modules/{moduleId}", Course, Teacher),
        Row("GET", "/api/teacher/courses/{courseId}/modules", Course, Teacher),
        Row("PUT", "/api/teacher/courses/{courseId}/skill-graph", Course, Teacher),
        Row("GET", "/api/teacher/courses/{courseId}/flagged-items", Course, Teacher),
        Row("GET", "/api/teacher/courses/{courseId}/analytics/heatmap", Course, Teacher),
        Row("GET", "/api/teacher/courses/{courseId}/analytics/usage", Course, Teacher),
        // An addition to the contract: the content route's item difficulty for teachers of the item's course.
        Row("GET", "/api/teacher/assessments/{assessmentId}/items/{itemId}/difficulty", Course, Teacher),
        Row("GET", "/api/teacher/courses/{courseId}/analytics/usage/modules", Course, Teacher),
        // An addition to the contract: the content route's improvement list for teachers of the course.
        Row("GET", "/api/teacher/courses/{courseId}/analytics/improvements", Course, Teacher),
        // Lists (API.md v2): the caller's own courses are read by the caller's enrollments, so no other course appears.
        Row("GET", "/api/teacher/courses", Tenant, Teacher),
        Row("GET", "/api/teacher/courses/{courseId}/assessments", Course, Teacher),
        Row("GET", "/api/teacher/assessments/{assessmentId}/submissions", Course, Teacher),
        // An addition to the contract: a course's roster for its teachers (the admin list's shape).
        Row("GET", "/api/teacher/courses/{courseId}/enrollments", Course, Teacher),
        // Rubrics (an addition to the contract, docs/rubrics.md): a course's rubrics and an assessment's rubric statistics.
        Row("POST", "/api/teacher/courses/{courseId}/rubrics", Course, Teacher),
        Row("GET", "/api/teacher/courses/{courseId}/rubrics", Course, Teacher),
        Row("GET", "/api/teacher/courses/{courseId}/rubrics/{rubricId}", Course, Teacher),
        Row("PUT", "/api/teacher/courses/{courseId}/rubrics/{rubricId}", Course, Teacher),
        Row("GET", "/api/teacher/assessments/{assessmentId}/rubric-statistics", Course, Teacher),
        // Lifecycle (docs/api-lifecycle.md): publish/unpublish an assessment of the route's course; read and delete a module.
        Row("POST", "/api/teacher/courses/{courseId}/assessments/{assessmentId}/unpublish", Course, Teacher),
        Row("POST", "/api/teacher/courses/{courseId}/assessments/{assessmentId}/publish", Course, Teacher),
        Row("GET", "/api/teacher/courses/{courseId}/modules/{moduleId}", Course, Teacher),
        Row("DELETE", "/api/teacher/courses/{courseId}/modules/{moduleId}", Course, Teacher),
        // Accommodations (docs/timing.md): the course's teacher; the handler 404s a user not enrolled as the course's student.
        Row("GET", "/api/teacher/courses/{courseId}/accommodations/{userId}", Course, Teacher),
        Row("PUT", "/api/teacher/courses/{courseId}/accommodations/{userId}", Course, Teacher),
        Row("DELETE", "/api/teacher/courses/{courseId}/accommodations/{userId}", Course, Teacher),

        Row("GET", "/api/student/assessments/{assessmentId}", Course, Student),
        Row("POST", "/api/student/assessments/{assessmentId}/submissions", Course, Student),
        Row("GET", "/api/student/submissions/{submissionId}", Owner, Student),
        Row("GET", "/api/student/courses/{courseId}/modules", Course, Student),
        Row("GET", "/api/student/recommendations", Tenant, Student),
        Row("GET", "/api/student/dashboard", Tenant, Student),
        // The item's assessment (hence course) is in the body, so the handler checks the enrollment (404 otherwise).
        Row("POST", "/api/student/items/{itemId}/ratings", Tenant, Student),
        // The events' courses are in the body: the handler checks each enrollment and object (422 naming the event otherwise).
        Row("POST", "/api/student/events", Tenant, Student),
        // Lists (API.md v2): own courses (by the caller's enrollments), a course's published assessments, own submissions (the caller's partition).
        Row("GET", "/api/student/courses", Tenant, Student),
        Row("GET", "/api/student/courses/{courseId}/assessments", Course, Student),
        Row("GET", "/api/student/submissions", Tenant, Student),
        // Attempts (docs/timing.md): the assessment's course; an attempt is read and saved only by its own student (404 otherwise).
        Row("POST", "/api/student/assessments/{assessmentId}/attempts", Course, Student),
        Row("GET", "/api/student/assessments/{assessmentId}/attempts/{attemptId}", Course, Student),
        Row("PUT", "/api/student/assessments/{assessmentId}/attempts/{attemptId}/draft", Course, Student),

        Row("GET", "/api/content/flagged-items", Tenant, ContentAuthor),
        Row("POST", "/api/content/tagging-jobs", Tenant, ContentAuthor),
        Row("GET", "/api/content/tagging-jobs/{jobId}", Tenant, ContentAuthor),
        Row("GET", "/api/content/tagging/budget", Tenant, ContentAuthor),
        Row("GET", "/api/content/analytics/improvements", Tenant, ContentAuthor, TenantAdmin),
        // Content authors and tenant admins see every course of the tenant; the handler checks the course exists (404 otherwise).
        Row("GET", "/api/content/courses/{courseId}/analytics/heatmap", Tenant, ContentAuthor, TenantAdmin),
        Row("GET", "/api/content/courses/{courseId}/analytics/usage", Tenant, ContentAuthor, TenantAdmin),
        Row("GET", "/api/content/courses/{courseId}/analytics/usage/modules", Tenant, ContentAuthor, TenantAdmin),
        // Simulations: the course is in the body (404 for an unknown course); a simulation is read in the caller's tenant only (404 otherwise).
        Row("POST", "/api/content/simulations", Tenant, ContentAuthor, TenantAdmin),
        Row("GET", "/api/content/simulations/{simulationId}", Tenant, ContentAuthor, TenantAdmin),
        // Lists (docs/api-lists.md): the tenant's tagging jobs and simulations.
        Row("GET", "/api/content/tagging-jobs", Tenant, ContentAuthor),
        Row("GET", "/api/content/simulations", Tenant, ContentAuthor, TenantAdmin),
        Row("GET", "/api/content/taxonomy/skills", Tenant, ContentAuthor),
        Row("GET", "/api/content/taxonomy/skills/{skillId}", Tenant, ContentAuthor),
        Row("PUT", "/api/content/taxonomy/skills/{skillId}", Tenant, ContentAuthor),
        // Suggestions: the handlers find the item in the caller's tenant (404 otherwise); a course's list 404s for an unknown course.
        Row("GET", "/api/content/suggestions", Tenant, ContentAuthor),
        Row("POST", "/api/content/suggestions/accept", Tenant, ContentAuthor),
        Row("POST", "/api/content/suggestions/{assessmentId}/{itemId}/accept", Tenant, ContentAuthor),
        Row("POST", "/api/content/suggestions/{assessmentId}/{itemId}/reject", Tenant, ContentAuthor),
        // The handler finds the item in the caller's tenant (404 otherwise).
        Row("GET", "/api/content/items/{assessmentId}/{itemId}/difficulty", Tenant, ContentAuthor),
    ];

    private static readonly Dictionary<string, AccessRule> ByEndpoint = Rows.ToDictionary(r => r.Endpoint, StringComparer.Ordinal);

    /// <summary>The row for an endpoint, by HTTP method and route pattern exactly as mapped (e.g. "/api/student/submissions/{submissionId}").</summary>
    public static AccessRule? Find(string method, string pattern) =>
        ByEndpoint.GetValueOrDefault($"{method.ToUpperInvariant()} {pattern}");

    private static AccessRule Row(string method, string pattern, AccessScope scope, params string[] roles) => new(method, pattern, scope, roles);
}
