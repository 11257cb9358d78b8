using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdTech.Bff.Tests.Fuzz;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Lifecycle;

/// <summary>Drafts and unpublish over HTTP: students cannot see a draft (404, absent from lists), unpublish only before any submission (409), If-Match (412).</summary>
public sealed class AssessmentPublishingRouteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static string StatePath(School s, string assessmentId, string action) => $"/api/teacher/courses/{s.Course}/assessments/{assessmentId}/{action}";

    private static JsonObject Draft(string id)
    {
        var body = JsonSerializer.SerializeToNode(School.QuizBody(id))!.AsObject();
        body["published"] = false;
        return body;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(School school, string path, string? ifMatch = null)
    {
        using var request = ApiClient.Request(HttpMethod.Post, path, school.Teacher);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await school.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task<string[]> StudentListAsync(School school)
    {
        var (status, body, _) = await school.Client.GetAsync($"/api/student/courses/{school.Course}/assessments", school.Student1);
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("assessmentId").GetString()!).ToArray();
    }

    [Fact]
    public async Task Draft_IsInvisibleToStudents_404OnItsRoutes_AbsentFromTheirList_PublishShowsIt()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (created, draft, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, Draft("draft1"));

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.False(draft.GetProperty("published").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/student/assessments/draft1", school.Student1)).Status);
        var before = StoreSnapshot.Take(factory.DataDirectory, school.Tenant);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.PostAsync("/api/student/assessments/draft1/submissions", school.Student1, School.PerfectAnswers)).Status);
        Assert.Equal(before, StoreSnapshot.Take(factory.DataDirectory, school.Tenant));
        Assert.Equal(["quiz1"], await StudentListAsync(school));
        var (_, teacherList, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher);
        Assert.Equal([("draft1", false), ("quiz1", true)],
            teacherList.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("assessmentId").GetString(), i.GetProperty("published").GetBoolean())));

        var (published, state) = await PostAsync(school, StatePath(school, "draft1", "publish"));

        Assert.Equal(HttpStatusCode.OK, published);
        Assert.True(state.GetProperty("published").GetBoolean());
        Assert.Equal(["draft1", "quiz1"], await StudentListAsync(school));
        Assert.Equal(HttpStatusCode.OK, (await school.Client.GetAsync("/api/student/assessments/draft1", school.Student1)).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await school.Client.PostAsync("/api/student/assessments/draft1/submissions", school.Student1, School.PerfectAnswers)).Status);
    }

    [Fact]
    public async Task CreateWithoutPublished_IsPublished_AsBeforeDraftsExisted()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (_, quiz, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/assessments/{school.Quiz}", school.Teacher);

        Assert.True(quiz.GetProperty("published").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await school.Client.GetAsync($"/api/student/assessments/{school.Quiz}", school.Student1)).Status);
    }

    [Fact]
    public async Task Unpublish_BeforeAnySubmission_HidesIt_AfterASubmission_Is409AndChangesNothing()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, School.QuizBody("quiz2"))).Status);

        var (unpublished, state) = await PostAsync(school, StatePath(school, "quiz2", "unpublish"));
        Assert.Equal(HttpStatusCode.OK, unpublished);
        Assert.False(state.GetProperty("published").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/student/assessments/quiz2", school.Student1)).Status);
        Assert.DoesNotContain("quiz2", await StudentListAsync(school));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(school, StatePath(school, "quiz2", "unpublish"))).Status);

        await school.SubmitAsync(school.Student1);
        var before = StoreSnapshot.Take(factory.DataDirectory, school.Tenant);
        var (refused, problem) = await PostAsync(school, StatePath(school, school.Quiz, "unpublish"));

        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.EndsWith("assessment-has-submissions", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, StoreSnapshot.Take(factory.DataDirectory, school.Tenant));
        Assert.Equal(HttpStatusCode.OK, (await school.Client.GetAsync($"/api/student/assessments/{school.Quiz}", school.Student1)).Status);
    }

    [Fact]
    public async Task Unpublish_WithAStaleIfMatch_Is412_WithTheCurrentOneSucceeds()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (_, _, read) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/assessments/{school.Quiz}", school.Teacher);
        var etag = read.Headers.ETag!.ToString();

        var (first, _) = await PostAsync(school, StatePath(school, school.Quiz, "unpublish"), etag);
        var (stale, _) = await PostAsync(school, StatePath(school, school.Quiz, "publish"), etag);

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync($"/api/student/assessments/{school.Quiz}", school.Student1)).Status);
    }

    [Fact]
    public async Task StateRoutes_OtherCourseOrUnknownAssessment_Are404_StudentIs403()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(school, StatePath(school, "nope", "unpublish"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(school, $"/api/teacher/courses/bio/assessments/{school.Quiz}/unpublish")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.Client.PostAsync(StatePath(school, school.Quiz, "unpublish"), school.Student1, new { })).Status);
    }

    [Fact]
    public async Task DraftModuleItem_IsHiddenFromStudents_ShownToTeachers()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, Draft("draft1"));
        var module = new { title = "Week 1", position = 1, items = new[] { new { id = "i1", title = "Draft", kind = "assessment", assessmentId = "draft1" } } };
        Assert.Equal(HttpStatusCode.Created, (await school.Client.SendAsync(HttpMethod.Put, $"/api/teacher/courses/{school.Course}/modules/w1", school.Teacher, module)).Status);

        var (_, student, _) = await school.Client.GetAsync($"/api/student/courses/{school.Course}/modules", school.Student1);
        var (_, teacher, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/modules", school.Teacher);

        Assert.Equal(0, student.GetProperty("modules")[0].GetProperty("items").GetArrayLength());
        Assert.Equal(1, teacher.GetProperty("modules")[0].GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task OpenApi_TeacherDocumentHasPublishAndUnpublishWithANamedSchema()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (_, teacher, _) = await school.Client.GetAsync("/api/openapi/teacher.json", null);

        foreach (var action in new[] { "publish", "unpublish" })
        {
            var post = teacher.GetProperty("paths").GetProperty($"/api/teacher/courses/{{courseId}}/assessments/{{assessmentId}}/{action}").GetProperty("post");
            Assert.Contains("AssessmentStateView", post.GetProperty("responses").GetProperty("200").ToString(), StringComparison.Ordinal);
        }
    }
}
