using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Analytics;

/// <summary>
/// GET /api/content/analytics/improvements over real submissions: ten students where the five strongest (by the other items) get
/// q1 wrong and the five weakest get it right — a miskeyed item — and the five weakest leave q4 unanswered.
/// </summary>
public sealed class ImprovementsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Projected = TimeSpan.FromSeconds(30);

    private static readonly object Strong = new
    {
        answers = new object[]
        {
            new { itemId = "q1", value = "3" }, new { itemId = "q2", value = new[] { "2", "3" } },
            new { itemId = "q3", value = 3.14 }, new { itemId = "q4", value = "Paris" },
        },
    };

    private static readonly object Weak = new
    {
        answers = new object[] { new { itemId = "q1", value = "4" }, new { itemId = "q2", value = new[] { "4" } }, new { itemId = "q3", value = 1 } },
    };

    [Fact]
    public async Task Improvements_MiskeyedItem_RanksFirstWithNegativeDiscrimination_AndSkippedItemIsListed()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var students = new List<string> { school.Student1, school.Student2 };
        for (var i = 3; i <= 10; i++)
        {
            students.Add(await school.AddStudentAsync($"s{i}"));
        }

        for (var i = 0; i < students.Count; i++)
        {
            await school.SubmitAsync(students[i], i < 5 ? Strong : Weak);
        }

        await school.PollAsync($"/api/teacher/assessments/{school.Quiz}/statistics", school.Teacher, s => s.GetProperty("graded").GetInt32() == 10, Projected);
        var (status, body, _) = await school.Client.GetAsync($"/api/content/analytics/improvements?courseId={school.Course}", Author(school));

        Assert.Equal(HttpStatusCode.OK, status);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        var first = items[0];
        Assert.Equal(("quiz1", "q1", 10), (first.GetProperty("assessmentId").GetString(), first.GetProperty("itemId").GetString(), first.GetProperty("responses").GetInt32()));
        Assert.Equal("negative-discrimination", Kinds(first)[0]);
        Assert.Contains("skipped", Kinds(items.Single(i => i.GetProperty("itemId").GetString() == "q4")));
        var scores = items.Select(i => i.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.False(first.TryGetProperty("moduleId", out _), "an assessment item carries no moduleId");

        // The teacher's copy: the same list for a course the caller teaches.
        var (teacherStatus, teacherBody, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/analytics/improvements", school.Teacher);
        Assert.Equal(HttpStatusCode.OK, teacherStatus);
        Assert.Equal(body.GetProperty("items").GetRawText(), teacherBody.GetProperty("items").GetRawText());
    }

    [Fact]
    public async Task TeacherImprovements_ACourseTheTeacherDoesNotTeach_Is404_AStudentIs403_AndTheOpenApiListsIt()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await school.Client.PostAsync("/api/admin/courses", school.Admin, new { id = "art101", title = "Art" });

        var (own, ownBody, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/analytics/improvements", school.Teacher);
        var (other, _, _) = await school.Client.GetAsync("/api/teacher/courses/art101/analytics/improvements", school.Teacher);
        var (unknown, _, _) = await school.Client.GetAsync("/api/teacher/courses/nope/analytics/improvements", school.Teacher);
        var (student, _, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/analytics/improvements", school.Student1);
        var (_, openApi, _) = await school.Client.GetAsync("/api/openapi/teacher.json", null);

        Assert.Equal(HttpStatusCode.OK, own);
        Assert.Equal(school.Course, ownBody.GetProperty("courseId").GetString());
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Forbidden), (other, unknown, student));
        Assert.True(openApi.GetProperty("paths").GetProperty("/api/teacher/courses/{courseId}/analytics/improvements").TryGetProperty("get", out _));
    }

    [Fact]
    public async Task Improvements_WithoutCourseId_Is422NamingIt_AndAnotherTenantsCourseIs404()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var other = await School.CreateAsync(factory, factory.CreateClient());

        var (missing, problem, _) = await school.Client.GetAsync("/api/content/analytics/improvements", Author(school));
        var (foreign, _, _) = await school.Client.GetAsync($"/api/content/analytics/improvements?courseId={other.Course}x", Author(other));
        var (unknown, _, _) = await school.Client.GetAsync("/api/content/analytics/improvements?courseId=nope", Author(school));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing);
        Assert.Contains("courseId", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (foreign, unknown));
    }

    [Fact]
    public async Task Improvements_SixStudentsStoppingAtOneModuleItem_ListItAsDropOff_OnBothRoutes()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await school.Client.SendAsync(HttpMethod.Put, $"/api/teacher/courses/{school.Course}/modules/week1", school.Teacher,
            new { title = "Week 1", position = 1, items = new[] { new { id = "read", title = "Read", kind = "page" }, new { id = "video", title = "Video", kind = "page" } } })).Status);
        var students = new List<string> { school.Student1, school.Student2 };
        for (var i = 3; i <= 6; i++)
        {
            students.Add(await school.AddStudentAsync($"s{i}"));
        }

        // Three weeks ago each read the first item, completed it, and never came back: all six reached "video" and stopped there.
        var at = DateTimeOffset.UtcNow.AddDays(-21);
        foreach (var student in students)
        {
            var (posted, postBody, _) = await school.Client.PostAsync("/api/student/events", student, new
            {
                events = new object[]
                {
                    new { id = "v", verb = "viewed", objectType = "content", objectId = "week1/read", courseId = school.Course, at },
                    new { id = "c", verb = "completed", objectType = "content", objectId = "week1/read", courseId = school.Course, at = at.AddMinutes(5) },
                },
            });
            Assert.True(posted == HttpStatusCode.Accepted, postBody.ToString());
        }

        await Settled.FeedAsync(factory);
        var (status, body, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/analytics/improvements", school.Teacher);
        var (contentStatus, contentBody, _) = await school.Client.GetAsync($"/api/content/analytics/improvements?courseId={school.Course}", Author(school));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (status, contentStatus));
        var entry = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal(("week1", "video", "", "", 6), (entry.GetProperty("moduleId").GetString(), entry.GetProperty("objectId").GetString(),
            entry.GetProperty("assessmentId").GetString(), entry.GetProperty("itemId").GetString(), entry.GetProperty("responses").GetInt32()));
        Assert.Equal(["drop-off"], Kinds(entry));
        Assert.Equal(body.GetProperty("items").GetRawText(), contentBody.GetProperty("items").GetRawText());
    }

    private static string Author(School school) => school.Factory.Token(school.Tenant, "c1", "content-author");

    private static List<string> Kinds(JsonElement item) => item.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("kind").GetString()!).ToList();
}
