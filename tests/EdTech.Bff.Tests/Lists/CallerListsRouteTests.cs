using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Lists;

/// <summary>The caller lists over HTTP: 200 with <c>{items, next?}</c>, 404 for a course the caller is not in, 403 for the other role, 422 naming bad paging, 304 on a matching If-None-Match.</summary>
public sealed class CallerListsRouteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static string[] Ids(JsonElement page, string property) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).GetString()!).ToArray();

    /// <summary>A second course, "bio", taught by t2 with s3 enrolled, and a teacher t2 / student s3 tokens.</summary>
    private static async Task<(string Teacher2, string Student3)> OtherCourseAsync(School school)
    {
        foreach (var (id, role) in new[] { ("t2", "teacher"), ("s3", "student") })
        {
            Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/users", school.Admin, new { id, displayName = id, email = $"{id}@school.example", roles = new[] { role } })).Status);
        }

        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/courses", school.Admin, new { id = "bio", title = "Biology" })).Status);
        foreach (var (id, role) in new[] { ("t2", "teacher"), ("s3", "student") })
        {
            Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/courses/bio/enrollments", school.Admin, new { userId = id, role })).Status);
        }

        return (school.Factory.Token(school.Tenant, "t2", "teacher"), school.Factory.Token(school.Tenant, "s3", "student"));
    }

    private async Task<JsonElement> OkAsync(School school, string path, string token)
    {
        var (status, body, _) = await school.Client.GetAsync(path, token);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {status} {body}");
        return body;
    }

    [Fact]
    public async Task Courses_EachRoleSeesOnlyItsOwnCourses_OtherRoleIs403()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (teacher2, student3) = await OtherCourseAsync(school);

        var taught = await OkAsync(school, "/api/teacher/courses", school.Teacher);
        var attended = await OkAsync(school, "/api/student/courses", school.Student1);

        Assert.Equal(["math101"], Ids(taught, "courseId"));
        Assert.Equal("Maths", taught.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.False(taught.TryGetProperty("next", out _));
        Assert.Equal(["math101"], Ids(attended, "courseId"));
        Assert.Equal(["bio"], Ids(await OkAsync(school, "/api/teacher/courses", teacher2), "courseId"));
        Assert.Equal(["bio"], Ids(await OkAsync(school, "/api/student/courses", student3), "courseId"));
        Assert.Equal(HttpStatusCode.Forbidden, (await school.Client.GetAsync("/api/teacher/courses", school.Student1)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.Client.GetAsync("/api/student/courses", school.Teacher)).Status);
    }

    [Fact]
    public async Task CourseAssessments_TeacherAndStudentShapes_OtherCourse404_OtherRole403()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await OtherCourseAsync(school);

        var teacher = await OkAsync(school, "/api/teacher/courses/math101/assessments", school.Teacher);
        var (studentStatus, student, _) = await school.Client.GetAsync("/api/student/courses/math101/assessments", school.Student1);

        var quiz = teacher.GetProperty("items")[0];
        Assert.Equal(("quiz1", "Quiz", 5m, 4, 1), (quiz.GetProperty("assessmentId").GetString(), quiz.GetProperty("title").GetString(),
            quiz.GetProperty("maxScore").GetDecimal(), quiz.GetProperty("itemCount").GetInt32(), quiz.GetProperty("version").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, studentStatus);
        var seen = student.GetProperty("items")[0];
        Assert.Equal(("quiz1", true), (seen.GetProperty("assessmentId").GetString(), seen.GetProperty("open").GetBoolean()));
        Assert.DoesNotContain(seen.EnumerateObject(), p => p.Name is "items" or "answer" or "version");
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/teacher/courses/bio/assessments", school.Teacher)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/student/courses/bio/assessments", school.Student1)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.Client.GetAsync("/api/teacher/courses/math101/assessments", school.Student1)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.Client.GetAsync("/api/student/courses/math101/assessments", school.Teacher)).Status);
    }

    [Fact]
    public async Task Submissions_TeacherSeesTheAssessmentsFilteredByStatus_StudentOnlyOwn()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (teacher2, _) = await OtherCourseAsync(school);
        var submission = await school.SubmitAsync(school.Student1);
        await school.WaitForStatusAsync(school.Student1, submission);

        var all = await OkAsync(school, "/api/teacher/assessments/quiz1/submissions", school.Teacher);
        var none = await OkAsync(school, "/api/teacher/assessments/quiz1/submissions?status=awaiting-review", school.Teacher);
        var own = await OkAsync(school, "/api/student/submissions", school.Student1);
        var classmate = await OkAsync(school, "/api/student/submissions", school.Student2);

        Assert.Equal([submission], Ids(all, "submissionId"));
        Assert.Equal("s1", all.GetProperty("items")[0].GetProperty("userId").GetString());
        Assert.Empty(Ids(none, "submissionId"));
        Assert.Equal([submission], Ids(own, "submissionId"));
        Assert.Equal("released", own.GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Empty(Ids(classmate, "submissionId"));
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/teacher/assessments/quiz1/submissions", teacher2)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.Client.GetAsync("/api/teacher/assessments/quiz1/submissions", school.Student1)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.Client.GetAsync("/api/student/submissions", school.Teacher)).Status);
    }

    [Theory]
    [InlineData("/api/teacher/assessments/quiz1/submissions?status=done", "status")]
    [InlineData("/api/teacher/courses?limit=0", "limit")]
    [InlineData("/api/teacher/courses/math101/assessments?limit=201", "limit")]
    [InlineData("/api/teacher/courses/math101/assessments?next=%21%21", "next")]
    public async Task TeacherLists_BadQuery_Is422NamingTheField(string path, string field)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (status, body, _) = await school.Client.GetAsync(path, school.Teacher);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task Paging_NextContinuesWithoutOverlap_AndIfNoneMatchIs304UntilThePageChanges()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        foreach (var id in new[] { "quiz2", "quiz3" })
        {
            Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/teacher/courses/math101/assessments", school.Teacher, School.QuizBody(id))).Status);
        }

        var first = await OkAsync(school, "/api/student/courses/math101/assessments?limit=2", school.Student1);
        var second = await OkAsync(school, "/api/student/courses/math101/assessments?limit=2&next=" + first.GetProperty("next").GetString(), school.Student1);
        Assert.Equal(["quiz1", "quiz2", "quiz3"], Ids(first, "assessmentId").Concat(Ids(second, "assessmentId")));
        Assert.False(second.TryGetProperty("next", out _));

        const string Path = "/api/teacher/courses/math101/assessments";
        var (_, _, response) = await school.Client.GetAsync(Path, school.Teacher);
        var etag = response.Headers.ETag!.ToString();
        var unchanged = await SendIfNoneMatchAsync(school, Path, etag);
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync(Path, school.Teacher, School.QuizBody("quiz4"))).Status);
        var changed = await SendIfNoneMatchAsync(school, Path, etag);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.ToString());
    }

    private static async Task<HttpResponseMessage> SendIfNoneMatchAsync(School school, string path, string etag)
    {
        var request = ApiClient.Request(HttpMethod.Get, path, school.Teacher);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return await school.Client.SendAsync(request);
    }

    [Fact]
    public async Task OpenApiDocuments_ListTheRoutesWithTheirPageSchemas()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (_, teacher, _) = await school.Client.GetAsync("/api/openapi/teacher.json", null);
        var (_, student, _) = await school.Client.GetAsync("/api/openapi/student.json", null);

        foreach (var path in new[] { "/api/teacher/courses", "/api/teacher/courses/{courseId}/assessments", "/api/teacher/assessments/{assessmentId}/submissions" })
        {
            Assert.True(teacher.GetProperty("paths").GetProperty(path).TryGetProperty("get", out var get), path);
            Assert.Contains("\"$ref\"", get.GetProperty("responses").GetProperty("200").ToString(), StringComparison.Ordinal);
        }

        foreach (var path in new[] { "/api/student/courses", "/api/student/courses/{courseId}/assessments", "/api/student/submissions" })
        {
            Assert.True(student.GetProperty("paths").GetProperty(path).TryGetProperty("get", out var get), path);
            Assert.Contains("\"$ref\"", get.GetProperty("responses").GetProperty("200").ToString(), StringComparison.Ordinal);
        }
    }
}
