using EdTech.Bff.Security;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Bff.Tests.Roster;

namespace EdTech.Bff.Tests.Security.Matrix;

/// <summary>A valid request for a row: its success status, a body factory (ids unique per call so creates never 409), optional request headers (e.g. If-Match) and an optional query string.</summary>
/// <param name="ForeignTenant">The status from another tenant when not 404: a PUT that creates by id in the caller's own tenant (nothing of the home tenant is touched).</param>
public sealed record MatrixSample(int Success, Func<MatrixWorld, Task<object?>>? Body = null, Func<MatrixWorld, Task<IReadOnlyDictionary<string, string>>>? Headers = null, Func<MatrixWorld, string>? Query = null, int? ForeignTenant = null);

/// <summary>One sample per <see cref="AccessTable"/> row, keyed by "METHOD /pattern".</summary>
public static class MatrixSamples
{
    private static readonly Dictionary<string, MatrixSample> ByEndpoint = new(StringComparer.Ordinal)
    {
        ["GET /api/health"] = new(200),
        ["GET /api/health/ready"] = new(200),
        ["GET /api/openapi/{documentName}.json"] = new(200),
        ["POST /api/platform/tenants"] = Post(201, _ => new { id = Unique("t"), name = "New school", timeZone = "UTC" }),
        ["GET /api/platform/tenants"] = new(200),
        ["GET /api/platform/tenants/{id}"] = new(200),
        ["PATCH /api/platform/tenants/{id}"] = Post(200, _ => new { name = "Renamed " + Unique("n") }),
        ["POST /api/platform/tenants/{id}/suspend"] = Post(200, _ => new { reason = "Unpaid invoice" }),
        ["POST /api/platform/tenants/{id}/reactivate"] = new(200),
        ["POST /api/admin/users"] = Post(201, _ => new { id = Unique("u"), displayName = "New", email = Unique("e") + "@school.example", roles = new[] { "student" } }),
        ["POST /api/admin/courses"] = Post(201, _ => new { id = Unique("c"), title = "New course" }),
        ["POST /api/admin/courses/{courseId}/enrollments"] = new(201, async w => new { userId = await w.NewUserAsync(), role = "student" }),
        ["POST /api/teacher/courses/{courseId}/assessments"] = Post(201, _ => School.QuizBody(Unique("a"))),
        ["GET /api/teacher/courses/{courseId}/assessments/{assessmentId}"] = new(200),
        ["PUT /api/teacher/courses/{courseId}/assessments/{assessmentId}"] = new(200,
            w => Task.FromResult<object?>(School.QuizBody(w.Home.Quiz, dueAt: DateTimeOffset.UtcNow.AddDays(2))),
            async w => new Dictionary<string, string> { ["If-Match"] = await w.AssessmentETagAsync() }),
        ["GET /api/teacher/courses/{courseId}/gradebook"] = new(200),
        ["PUT /api/teacher/courses/{courseId}/grading-scheme"] = Post(200, _ => new { categories = new[] { new { id = "hw", name = "Homework", weight = 1, dropLowest = 0 } } }),
        ["GET /api/teacher/courses/{courseId}/grading-scheme"] = new(200),
        ["GET /api/teacher/assessments/{assessmentId}/statistics"] = new(200),
        ["GET /api/teacher/submissions/{submissionId}"] = new(200),
        ["GET /api/teacher/review-queue"] = new(200),
        ["POST /api/teacher/submissions/{submissionId}/grades"] = new(200,
            _ => Task.FromResult<object?>(new { itemScores = new[] { new { itemId = "q1", score = 1 } }, reason = "Matrix re-grade" }),
            async w => new Dictionary<string, string> { ["If-Match"] = await w.SubmissionETagAsync() }),
        ["POST /api/teacher/assessments/{assessmentId}/release"] = new(202),
        ["GET /api/student/assessments/{assessmentId}"] = new(200),
        ["POST /api/student/assessments/{assessmentId}/submissions"] = Post(202, _ => School.PerfectAnswers),
        ["GET /api/student/submissions/{submissionId}"] = new(200),
        ["GET /api/student/recommendations"] = new(200),
        ["GET /api/student/dashboard"] = new(200),
        ["POST /api/student/items/{itemId}/ratings"] = Post(200, w => new { assessmentId = w.Home.Quiz, helpful = false, comment = "Matrix rating" }),
        ["PUT /api/teacher/courses/{courseId}/skill-graph"] = Post(200, _ => new { prerequisites = new[] { new { skill = "primes", requires = new[] { "arithmetic" } } } }),
        ["GET /api/teacher/courses/{courseId}/flagged-items"] = new(200),
        ["GET /api/content/flagged-items"] = new(200),
        ["GET /api/admin/students/{userId}/export"] = new(200),
        ["POST /api/admin/students/{userId}/erasure"] = Post(200, _ => new { reason = "Parent's written request" }),
        ["GET /api/admin/settings/analytics"] = new(200),
        ["PUT /api/admin/settings/analytics"] = Post(200, _ => new { minCellCount = 5 }),
        ["POST /api/admin/roster/oneroster"] = Post(200, _ => RosterZip.Content(RosterZip.Zip(RosterZip.Valid(Unique("m"))))),
        ["PUT /api/teacher/courses/{courseId}/modules/{moduleId}"] = Post(201, _ => new { title = "Week 1", position = 1, items = new[] { new { id = "i1", title = "Quiz", kind = "assessment", assessmentId = "quiz1" } } }),
        ["GET /api/teacher/courses/{courseId}/modules"] = new(200),
        ["GET /api/student/courses/{courseId}/modules"] = new(200),
        ["POST /api/content/tagging-jobs"] = Post(202, w => new { courseId = w.Home.Course }),
        ["GET /api/content/tagging-jobs/{jobId}"] = new(200),
        ["GET /api/content/tagging/budget"] = new(200),
        ["GET /api/content/analytics/improvements"] = new(200, Query: w => "?courseId=" + w.Home.Course),
        ["GET /api/content/courses/{courseId}/analytics/heatmap"] = new(200),
        ["GET /api/teacher/courses/{courseId}/analytics/heatmap"] = new(200),
        ["GET /api/teacher/courses/{courseId}/analytics/usage"] = new(200, Query: _ => "?from=2026-01-01&to=2026-12-31"),
        ["GET /api/content/courses/{courseId}/analytics/usage"] = new(200, Query: _ => "?from=2026-01-01&to=2026-12-31"),
        ["GET /api/teacher/courses/{courseId}/analytics/usage/modules"] = new(200),
        ["GET /api/teacher/courses/{courseId}/analytics/improvements"] = new(200),
        ["GET /api/content/courses/{courseId}/analytics/usage/modules"] = new(200),
        ["POST /api/student/events"] = Post(202, w => new
        {
            events = new[] { new { id = Unique("ev"), verb = "viewed", objectType = "assessment", objectId = w.Home.Quiz, courseId = w.Home.Course, at = DateTimeOffset.UtcNow.AddMinutes(-1) } },
        }),
        // A small run with no change, so it finishes quickly and the allowed callers never fill the tenant's quota of running simulations.
        ["POST /api/content/simulations"] = Post(202, w => new { courseId = w.Home.Course, students = 100, change = new { } }),
        ["GET /api/content/simulations/{simulationId}"] = new(200),
        ["POST /api/admin/simulations"] = Post(202, w => new { courseId = w.Home.Course, students = 100, change = new { } }),
        ["GET /api/admin/simulations/{simulationId}"] = new(200),
        ["GET /api/content/taxonomy/skills"] = new(200),
        ["GET /api/content/taxonomy/skills/{skillId}"] = new(200),
        ["GET /api/content/suggestions"] = new(200, Query: w => "?courseId=" + w.Home.Course),
        ["POST /api/content/suggestions/accept"] = Post(200, w => new { courseId = w.Home.Course, minConfidence = 0.99 }),
        // Each case first makes q1's suggestion pending again, so the one allowed call decides it (200) whatever ran before.
        ["POST /api/content/suggestions/{assessmentId}/{itemId}/accept"] = new(200, async w => { await w.PendingSuggestionAsync(); return new { }; }),
        ["POST /api/content/suggestions/{assessmentId}/{itemId}/reject"] = new(200, async w => { await w.PendingSuggestionAsync(); return null; }),
        ["GET /api/content/items/{assessmentId}/{itemId}/difficulty"] = new(200),
        ["GET /api/teacher/assessments/{assessmentId}/items/{itemId}/difficulty"] = new(200),
        ["GET /api/teacher/courses"] = new(200),
        ["GET /api/teacher/courses/{courseId}/assessments"] = new(200),
        ["GET /api/teacher/assessments/{assessmentId}/submissions"] = new(200, Query: _ => "?status=graded&limit=10"),
        ["GET /api/student/courses"] = new(200),
        ["GET /api/student/courses/{courseId}/assessments"] = new(200),
        ["GET /api/student/submissions"] = new(200),
        ["GET /api/admin/users"] = new(200, Query: _ => "?role=student&q=s&limit=10"),
        ["GET /api/admin/courses"] = new(200),
        ["GET /api/admin/courses/{courseId}/enrollments"] = new(200, Query: _ => "?role=student"),
        ["GET /api/admin/audit"] = new(200, Query: _ => "?from=2026-01-01T00:00:00Z&limit=5"),
        ["GET /api/admin/simulations"] = new(200),
        ["GET /api/teacher/courses/{courseId}/enrollments"] = new(200),
        ["GET /api/content/tagging-jobs"] = new(200, Query: _ => "?status=completed"),
        ["GET /api/content/simulations"] = new(200),
        ["POST /api/teacher/courses/{courseId}/rubrics"] = Post(201, _ => Rubrics.RubricWorld.RubricBody(Unique("r"))),
        ["GET /api/teacher/courses/{courseId}/rubrics"] = new(200),
        ["GET /api/teacher/courses/{courseId}/rubrics/{rubricId}"] = new(200),
        ["PUT /api/teacher/courses/{courseId}/rubrics/{rubricId}"] = new(200,
            _ => Task.FromResult<object?>(Rubrics.RubricWorld.RubricBody(MatrixWorld.MatrixRubric, title: Unique("Matrix rubric"))),
            async w => new Dictionary<string, string> { ["If-Match"] = await w.RubricETagAsync() }),
        ["GET /api/teacher/assessments/{assessmentId}/rubric-statistics"] = new(200),
        ["GET /api/admin/users/{userId}"] = new(200),
        ["PATCH /api/admin/users/{userId}"] = Post(200, _ => new { displayName = "Renamed " + Unique("n") }),
        // Each case first (re-)enrolls the user it removes, so the one allowed call finds an enrollment (204) whatever ran before.
        ["DELETE /api/admin/courses/{courseId}/enrollments/{userId}"] = new(204, async w => { await w.EnrollUserToRemoveAsync(); return null; }),
        ["GET /api/teacher/courses/{courseId}/accommodations/{userId}"] = new(200),
        ["PUT /api/teacher/courses/{courseId}/accommodations/{userId}"] = Post(200, _ => new { timeMultiplier = 1.5, reason = "Matrix accommodation" }),
        ["DELETE /api/teacher/courses/{courseId}/accommodations/{userId}"] = new(204),
        ["GET /api/admin/courses/{courseId}/accommodations/{userId}"] = new(200),
        ["PUT /api/admin/courses/{courseId}/accommodations/{userId}"] = Post(200, _ => new { timeMultiplier = 1.25 }),
        ["DELETE /api/admin/courses/{courseId}/accommodations/{userId}"] = new(204),
        // s1's attempt is running from the world's set-up, so starting again returns it (200).
        ["POST /api/student/assessments/{assessmentId}/attempts"] = new(200),
        ["GET /api/student/assessments/{assessmentId}/attempts/{attemptId}"] = new(200),
        ["PUT /api/student/assessments/{assessmentId}/attempts/{attemptId}/draft"] = Post(200, _ => new { sequence = DateTime.UtcNow.Ticks, answers = new[] { new { itemId = "q1", value = "4" } } }),
        ["PUT /api/content/taxonomy/skills/{skillId}"] = new(201, _ => Task.FromResult<object?>(new { name = "Matrix skill", description = "Written by the matrix." }), ForeignTenant: 201),
        ["GET /api/admin/courses/{courseId}"] = new(200),
        // The course's own title again: passes access and validation, changes nothing (archiving would close the home course to the other rows).
        ["PATCH /api/admin/courses/{courseId}"] = Post(200, w => new { title = "Maths" }),
        // The home quiz has a submission, so the one allowed caller reaches the handler and is refused (409); everyone else 403/404.
        ["POST /api/teacher/courses/{courseId}/assessments/{assessmentId}/unpublish"] = new(409),
        // Already published: the same state again answers 200 and writes nothing.
        ["POST /api/teacher/courses/{courseId}/assessments/{assessmentId}/publish"] = new(200),
        // The module (MatrixWorld.LifecycleModule) is put again before each case, so the delete finds it whatever ran before.
        ["GET /api/teacher/courses/{courseId}/modules/{moduleId}"] = new(200, Headers: async w => await w.LifecycleModuleAsync()),
        ["DELETE /api/teacher/courses/{courseId}/modules/{moduleId}"] = new(204, Headers: async w => await w.LifecycleModuleAsync()),
    };

    public static MatrixSample? Find(AccessRule row) => ByEndpoint.GetValueOrDefault(row.Endpoint);

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():n}"[..(prefix.Length + 13)];

    private static MatrixSample Post(int success, Func<MatrixWorld, object> body) => new(success, w => Task.FromResult<object?>(body(w)));
}
