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

    private static string Author(School school) => school.Factory.Token(school.Tenant, "c1", "content-author");

    private static List<string> Kinds(JsonElement item) => item.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("kind").GetString()!).ToList();
}
