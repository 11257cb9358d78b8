using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Lists;

/// <summary>
/// The admin lists (users, courses, enrollments, audit), the teacher's roster and the content lists (tagging jobs, simulations)
/// over HTTP: 200 with <c>{items, next?}</c>, 403 for another role, 404 for a course not visible, 422 naming the field, 304 on a
/// matching If-None-Match, every route in its role's OpenAPI document.
/// </summary>
public sealed class AdminContentListsRouteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static string[] Ids(JsonElement page, string property) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).GetString()!).ToArray();

    private static async Task<JsonElement> OkAsync(School school, string path, string token)
    {
        var (status, body, _) = await school.Client.GetAsync(path, token);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {status} {body}");
        return body;
    }

    private static async Task<HttpStatusCode> StatusAsync(School school, string path, string token) => (await school.Client.GetAsync(path, token)).Status;

    [Fact]
    public async Task AdminUsersAndCourses_FilterAndPage_OtherRolesAre403()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/users", school.Admin,
            new { id = "h1", displayName = "Hedy Lamarr", email = "Hedy@School.example", roles = new[] { "teacher", "student" } })).Status);
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/courses", school.Admin, new { id = "art", title = "Art" })).Status);

        var teachers = await OkAsync(school, "/api/admin/users?role=teacher", school.Admin);
        var hedy = await OkAsync(school, "/api/admin/users?q=hedy%40school", school.Admin);
        var first = await OkAsync(school, "/api/admin/users?limit=3", school.Admin);
        var rest = await OkAsync(school, "/api/admin/users?limit=3&next=" + first.GetProperty("next").GetString(), school.Admin);
        var courses = await OkAsync(school, "/api/admin/courses", school.Admin);

        Assert.Equal(["h1", "t1"], Ids(teachers, "userId"));
        var user = Assert.Single(hedy.GetProperty("items").EnumerateArray());
        Assert.Equal(("Hedy Lamarr", "Hedy@School.example", 2), (user.GetProperty("displayName").GetString(), user.GetProperty("email").GetString(), user.GetProperty("roles").GetArrayLength()));
        Assert.DoesNotContain(user.EnumerateObject(), p => p.Name.StartsWith("search", StringComparison.Ordinal));
        Assert.Equal(["h1", "s1", "s2", "t1"], Ids(first, "userId").Concat(Ids(rest, "userId")));
        Assert.False(rest.TryGetProperty("next", out _));
        Assert.Equal([("art", "Art"), ("math101", "Maths")], courses.GetProperty("items").EnumerateArray().Select(c => (c.GetProperty("courseId").GetString(), c.GetProperty("title").GetString())));
        foreach (var path in new[] { "/api/admin/users", "/api/admin/courses", "/api/admin/courses/math101/enrollments", "/api/admin/audit" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(school, path, school.Teacher));
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(school, path, school.Student1));
        }
    }

    [Fact]
    public async Task Enrollments_AdminAndTeachingTeacher_SeeRolesSectionsAndNames_OthersAre404Or403()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await school.AddStudentAsync("s3", section: "B");
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/users", school.Admin, new { id = "t2", displayName = "Other teacher", email = "t2@school.example", roles = new[] { "teacher" } })).Status);

        var admin = await OkAsync(school, "/api/admin/courses/math101/enrollments", school.Admin);
        var teacher = await OkAsync(school, "/api/teacher/courses/math101/enrollments?role=student&limit=2", school.Teacher);
        var sectionB = await OkAsync(school, "/api/admin/courses/math101/enrollments?section=B", school.Admin);

        Assert.Equal(["s1", "s2", "s3", "t1"], Ids(admin, "userId"));
        var s3 = admin.GetProperty("items")[2];
        Assert.Equal(("student", "B", "s3"), (s3.GetProperty("role").GetString(), s3.GetProperty("section").GetString(), s3.GetProperty("displayName").GetString()));
        Assert.Equal("teacher", admin.GetProperty("items")[3].GetProperty("role").GetString());
        Assert.Equal(["s1", "s2"], Ids(teacher, "userId"));
        Assert.True(teacher.TryGetProperty("next", out _));
        Assert.Equal(["s3"], Ids(sectionB, "userId"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(school, "/api/admin/courses/nope/enrollments", school.Admin));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(school, "/api/teacher/courses/math101/enrollments", school.Factory.Token(school.Tenant, "t2", "teacher")));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(school, "/api/teacher/courses/math101/enrollments", school.Student1));
    }

    [Fact]
    public async Task Audit_ATeachersReadOfASubmission_IsListedByStudentActorAndTime()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var submission = await school.SubmitAsync(school.Student1);
        await school.WaitForStatusAsync(school.Student1, submission);
        var before = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(school, $"/api/teacher/submissions/{submission}", school.Teacher));

        var byBoth = await OkAsync(school, $"/api/admin/audit?studentId=s1&actorId=t1&from={Uri.EscapeDataString(before)}", school.Admin);
        var otherStudent = await OkAsync(school, "/api/admin/audit?studentId=s2", school.Admin);
        var future = await OkAsync(school, "/api/admin/audit?actorId=t1&from=2199-01-01", school.Admin);

        var entry = Assert.Single(byBoth.GetProperty("items").EnumerateArray(), e => e.GetProperty("resource").GetString()!.Contains(submission, StringComparison.Ordinal));
        Assert.Equal(("t1", "s1"), (entry.GetProperty("actorId").GetString(), entry.GetProperty("studentId").GetString()));
        Assert.Empty(otherStudent.GetProperty("items").EnumerateArray());
        Assert.Empty(future.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ContentLists_TaggingJobsForAuthors_SimulationsForAuthorsAndAdmins_OthersAre403()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var author = school.Factory.Token(school.Tenant, "author1", "content-author");
        Assert.Equal(HttpStatusCode.Accepted, (await school.Client.PostAsync("/api/content/tagging-jobs", author, new { courseId = "math101" })).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await school.Client.PostAsync("/api/content/simulations", author, new { courseId = "math101", students = 100, change = new { } })).Status);

        var jobs = await OkAsync(school, "/api/content/tagging-jobs", author);
        var simulations = await OkAsync(school, "/api/content/simulations", author);
        var adminSimulations = await OkAsync(school, "/api/admin/simulations", school.Admin);

        var job = Assert.Single(jobs.GetProperty("items").EnumerateArray());
        Assert.Equal(("math101", "author1"), (job.GetProperty("courseId").GetString(), job.GetProperty("createdBy").GetString()));
        Assert.Contains(job.GetProperty("status").GetString(), new[] { "queued", "running", "completed", "failed" });
        var simulation = Assert.Single(simulations.GetProperty("items").EnumerateArray());
        Assert.Equal((100, "math101"), (simulation.GetProperty("students").GetInt32(), simulation.GetProperty("courseId").GetString()));
        Assert.Equal(Ids(simulations, "simulationId"), Ids(adminSimulations, "simulationId"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(school, "/api/content/tagging-jobs", school.Admin));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(school, "/api/content/tagging-jobs", school.Teacher));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(school, "/api/content/simulations", school.Student1));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(school, "/api/admin/simulations", author));
    }

    [Theory]
    [InlineData("/api/admin/users?role=principal", "role")]
    [InlineData("/api/admin/users?limit=201", "limit")]
    [InlineData("/api/admin/courses?next=%21%21", "next")]
    [InlineData("/api/admin/courses/math101/enrollments?role=admin", "role")]
    [InlineData("/api/admin/audit?from=someday", "from")]
    [InlineData("/api/admin/audit?from=2026-02-01&to=2026-01-01", "to")]
    [InlineData("/api/admin/audit?studentId=%20x", "studentId")]
    [InlineData("/api/admin/simulations?status=done", "status")]
    public async Task AdminLists_BadQuery_Is422NamingTheField(string path, string field)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (status, body, _) = await school.Client.GetAsync(path, school.Admin);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task AdminUsers_IfNoneMatchIs304_UntilAUserIsAdded()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        const string Path = "/api/admin/users?role=student";
        var (_, _, response) = await school.Client.GetAsync(Path, school.Admin);
        var etag = response.Headers.ETag!.ToString();

        var unchanged = await SendIfNoneMatchAsync(school, Path, etag);
        await school.AddStudentAsync("s9");
        var changed = await SendIfNoneMatchAsync(school, Path, etag);

        Assert.StartsWith("W/", etag, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendIfNoneMatchAsync(School school, string path, string etag)
    {
        var request = ApiClient.Request(HttpMethod.Get, path, school.Admin);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return await school.Client.SendAsync(request);
    }

    [Fact]
    public async Task OpenApiDocuments_ListTheRoutesWithTheirPageSchemas()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var documents = new Dictionary<string, string[]>
        {
            ["admin"] = ["/api/admin/users", "/api/admin/courses", "/api/admin/courses/{courseId}/enrollments", "/api/admin/audit", "/api/admin/simulations"],
            ["teacher"] = ["/api/teacher/courses/{courseId}/enrollments"],
            ["content"] = ["/api/content/tagging-jobs", "/api/content/simulations"],
        };

        foreach (var (role, paths) in documents)
        {
            var (_, document, _) = await school.Client.GetAsync($"/api/openapi/{role}.json", null);
            foreach (var path in paths)
            {
                Assert.True(document.GetProperty("paths").GetProperty(path).TryGetProperty("get", out var get), path);
                Assert.Contains("\"$ref\"", get.GetProperty("responses").GetProperty("200").ToString(), StringComparison.Ordinal);
                Assert.True(get.TryGetProperty("operationId", out _), path);
            }
        }
    }
}
