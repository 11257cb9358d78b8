using System.Net;
using System.Text.Json;
using EdTech.Application.Audit;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Fuzz;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Lifecycle;

/// <summary>GET/PATCH /api/admin/courses/{courseId}: ETag and If-Match (412), archive makes the course read-only (409 naming it), history stays readable, audited.</summary>
public sealed class CourseArchiveRouteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static string CoursePath(School s) => $"/api/admin/courses/{s.Course}";

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? ETag)> PatchAsync(School school, object body, string? ifMatch = null)
    {
        using var request = ApiClient.Request(HttpMethod.Patch, CoursePath(school), school.Admin, body);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await school.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Get_ReturnsTheCourseWithAnETag_OtherTenantsCourseIs404_TeacherIs403()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var other = await School.CreateAsync(factory, school.Client);

        var (status, body, response) = await school.Client.GetAsync(CoursePath(school), school.Admin);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("math101", "Maths", false), (body.GetProperty("id").GetString(), body.GetProperty("title").GetString(), body.GetProperty("archived").GetBoolean()));
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/admin/courses/nope", school.Admin)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.Client.GetAsync(CoursePath(school), school.Teacher)).Status);
        Assert.Equal(HttpStatusCode.OK, (await other.Client.GetAsync(CoursePath(other), other.Admin)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/admin/courses/math101x", other.Admin)).Status);
    }

    [Fact]
    public async Task Patch_WithAStaleIfMatch_Is412AndChangesNothing_WithTheCurrentOneRenames()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (_, _, read) = await school.Client.GetAsync(CoursePath(school), school.Admin);
        var etag = read.Headers.ETag!.ToString();
        var (renamed, body, newETag) = await PatchAsync(school, new { title = "Algebra" }, etag);
        var before = StoreSnapshot.Take(factory.DataDirectory, school.Tenant);

        var (stale, problem, _) = await PatchAsync(school, new { title = "Geometry" }, etag);

        Assert.Equal(HttpStatusCode.OK, renamed);
        Assert.Equal("Algebra", body.GetProperty("title").GetString());
        Assert.NotEqual(etag, newETag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale);
        Assert.Equal(412, problem.GetProperty("status").GetInt32());
        Assert.Equal(before, StoreSnapshot.Take(factory.DataDirectory, school.Tenant));
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(school, new { title = "Calculus" })).Status);
    }

    [Theory]
    [InlineData("""{"title":""}""", "title")]
    [InlineData("""{"title":null}""", "title")]
    [InlineData("""{"archived":null}""", "archived")]
    [InlineData("""{"archived":"yes"}""", "archived")]
    public async Task Patch_InvalidField_Is422NamingIt_AndStoresNothing(string json, string field)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var before = StoreSnapshot.Take(factory.DataDirectory, school.Tenant);

        var (status, body, _) = await school.Client.SendAsync(HttpMethod.Patch, CoursePath(school), school.Admin, rawJson: json);

        Assert.True(status is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest, $"{status} {body}");
        Assert.Contains(field, body.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, StoreSnapshot.Take(factory.DataDirectory, school.Tenant));
    }

    [Fact]
    public async Task Archived_RefusesSubmitAndNewAssessments_NamingTheCourse_HistoryStaysReadable_UnarchiveReopens()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var submitted = await school.SubmitAsync(school.Student1);

        var (archived, course, _) = await PatchAsync(school, new { archived = true });
        var (submit, problem, _) = await school.Client.PostAsync($"/api/student/assessments/{school.Quiz}/submissions", school.Student2, School.PerfectAnswers);
        var (create, createProblem, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, School.QuizBody("quiz2"));

        Assert.Equal(HttpStatusCode.OK, archived);
        Assert.True(course.GetProperty("archived").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, submit);
        Assert.Contains("math101", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("courseId", out _), problem.ToString());
        Assert.EndsWith("course-archived", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, create);
        Assert.Contains("math101", createProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // History: both roles still read the course's assessment, submission and lists, which mark it archived.
        Assert.Equal(HttpStatusCode.OK, (await school.Client.GetAsync($"/api/student/assessments/{school.Quiz}", school.Student1)).Status);
        Assert.Equal(HttpStatusCode.OK, (await school.Client.GetAsync($"/api/student/submissions/{submitted}", school.Student1)).Status);
        Assert.Equal(HttpStatusCode.OK, (await school.Client.GetAsync($"/api/teacher/submissions/{submitted}", school.Teacher)).Status);
        var (_, taught, _) = await school.Client.GetAsync("/api/teacher/courses", school.Teacher);
        Assert.True(taught.GetProperty("items")[0].GetProperty("archived").GetBoolean());
        var (_, listed, _) = await school.Client.GetAsync($"/api/student/courses/{school.Course}/assessments", school.Student1);
        Assert.False(listed.GetProperty("items")[0].GetProperty("open").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(school, new { archived = false })).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await school.Client.PostAsync($"/api/student/assessments/{school.Quiz}/submissions", school.Student2, School.PerfectAnswers)).Status);
    }

    [Fact]
    public async Task ArchiveAndUnarchive_AreAudited_WithTheAdminAsActor()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        await PatchAsync(school, new { archived = true });
        await PatchAsync(school, new { archived = true });
        await PatchAsync(school, new { archived = false });

        var store = factory.Services.GetRequiredService<IDocumentStore>();
        var entries = (await store.QueryAsync<AuditEntry>(new TenantId(school.Tenant), DocumentQuery.InPartition(LifecycleAudit.SubjectOf(school.Course))))
            .Select(e => e.Value).OrderBy(e => e.At).ThenBy(e => e.Action, StringComparer.Ordinal).ToList();
        Assert.Equal([LifecycleAudit.CourseArchived, LifecycleAudit.CourseUnarchived], entries.Select(e => e.Action).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.Equal("admin1", e.ActorUserId));
    }

    [Fact]
    public async Task OpenApi_AdminDocumentHasTheCourseRoutesWithTheirSchema()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (_, admin, _) = await school.Client.GetAsync("/api/openapi/admin.json", null);

        var path = admin.GetProperty("paths").GetProperty("/api/admin/courses/{courseId}");
        Assert.Contains("CourseView", path.GetProperty("get").GetProperty("responses").GetProperty("200").ToString(), StringComparison.Ordinal);
        Assert.Contains("CourseView", path.GetProperty("patch").GetProperty("responses").GetProperty("200").ToString(), StringComparison.Ordinal);
        Assert.True(path.GetProperty("patch").TryGetProperty("operationId", out _));
    }
}
