using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Analytics;

namespace EdTech.Bff.Tests.Analytics;

/// <summary>The skill × week and module × week heatmaps through the API (the analytics-weeks projection behind them), the tenant admin's k, and who may read what.</summary>
public sealed class WeeklyHeatmapRouteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Settings = "/api/admin/settings/analytics";

    [Fact]
    public async Task WeeklyHeatmaps_AfterEventsAndReleasedSubmissions_WithKSetToTwo_ShowBothStudents_AsJsonAndSvg()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (set, setBody, _) = await school.Client.SendAsync(HttpMethod.Put, Settings, school.Admin, new { minCellCount = 2 });
        Assert.Equal((HttpStatusCode.OK, 2), (set, setBody.GetProperty("minCellCount").GetInt32()));
        Assert.Equal(HttpStatusCode.Created, (await school.Client.SendAsync(HttpMethod.Put, $"/api/teacher/courses/{school.Course}/modules/week1", school.Teacher,
            new { title = "Week 1", position = 1, items = new[] { new { id = "i1", title = "Intro", kind = "page" } } })).Status);
        var at = DateTimeOffset.UtcNow.AddSeconds(-30);
        foreach (var student in new[] { school.Student1, school.Student2 })
        {
            var (posted, _, _) = await school.Client.PostAsync("/api/student/events", student,
                new { events = new[] { new { id = "v1", verb = "viewed", objectType = "content", objectId = "week1/i1", courseId = school.Course, at } } });
            Assert.Equal(HttpStatusCode.Accepted, posted);
            await school.WaitForStatusAsync(student, await school.SubmitAsync(student));
        }

        await Settled.FeedAsync(factory);
        var (moduleStatus, modules, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/analytics/heatmap?kind=module-week", school.Teacher);
        var (skillStatus, skills, _) = await school.Client.GetAsync($"/api/content/courses/{school.Course}/analytics/heatmap?kind=skill-week", school.Factory.Token(school.Tenant, "c1", "content-author"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (moduleStatus, skillStatus));
        Assert.Equal(("module-week", 2), (modules.GetProperty("kind").GetString(), modules.GetProperty("minCount").GetInt32()));
        Assert.Equal(["week1"], Ids(modules, "rows"));
        Assert.Equal([IsoWeeks.Of(at)], Ids(modules, "columns"));
        Assert.Equal((1.0, 2), (modules.GetProperty("cells")[0][0].GetDouble(), modules.GetProperty("counts")[0][0].GetInt32()));
        Assert.Equal(["arithmetic", "geography", "geometry", "primes"], Ids(skills, "rows"));
        var arithmetic = skills.GetProperty("cells")[0];
        Assert.InRange(arithmetic[arithmetic.GetArrayLength() - 1].GetDouble(), 0.3, 1); // both answered right: mastery above pInit
        Assert.Equal(2, skills.GetProperty("counts")[0][arithmetic.GetArrayLength() - 1].GetInt32());

        using var request = ApiClient.Request(HttpMethod.Get, $"/api/teacher/courses/{school.Course}/analytics/heatmap?kind=skill-week", school.Teacher);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/svg+xml"));
        using var svg = await school.Client.SendAsync(request);
        var document = XDocument.Parse(await svg.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(4 * arithmetic.GetArrayLength(), document.Descendants(ns + "rect").Count(r => r.Element(ns + "title") is not null));
        Assert.Contains(document.Descendants(ns + "text"), t => t.Value == "mean mastery");
    }

    [Fact]
    public async Task Settings_OutOfRangeOrMissing_Is422NamingMinCellCount_AWrongType400_AndOnlyTheTenantAdminMaySetIt()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (initial, initialBody, _) = await school.Client.GetAsync(Settings, school.Admin);
        var (low, lowProblem, _) = await school.Client.SendAsync(HttpMethod.Put, Settings, school.Admin, new { minCellCount = 1 });
        var (high, highProblem, _) = await school.Client.SendAsync(HttpMethod.Put, Settings, school.Admin, new { minCellCount = 51 });
        var (missing, missingProblem, _) = await school.Client.SendAsync(HttpMethod.Put, Settings, school.Admin, new { });
        var (wrongType, wrongTypeProblem, _) = await school.Client.SendAsync(HttpMethod.Put, Settings, school.Admin, rawJson: "{\"minCellCount\":\"five\"}");
        var (teacher, _, _) = await school.Client.SendAsync(HttpMethod.Put, Settings, school.Teacher, new { minCellCount = 2 });
        var (after, afterBody, _) = await school.Client.GetAsync(Settings, school.Admin);

        Assert.Equal((HttpStatusCode.OK, 5), (initial, initialBody.GetProperty("minCellCount").GetInt32()));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (low, high, missing));
        foreach (var problem in new[] { lowProblem, highProblem, missingProblem })
        {
            Assert.Equal(["minCellCount"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal(HttpStatusCode.BadRequest, wrongType);
        Assert.Contains("minCellCount", wrongTypeProblem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, teacher);
        Assert.Equal((HttpStatusCode.OK, 5), (after, afterBody.GetProperty("minCellCount").GetInt32()));
    }

    [Fact]
    public async Task Heatmap_TeacherOfAnotherCourse_Is404_AndABadKindIs422NamingKind()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await school.Client.PostAsync("/api/admin/users", school.Admin, new { id = "t2", displayName = "t2", email = "t2@school.example", roles = new[] { "teacher" } });
        await school.Client.PostAsync("/api/admin/courses", school.Admin, new { id = "art101", title = "Art" });
        await school.Client.PostAsync("/api/admin/courses/art101/enrollments", school.Admin, new { userId = "t2", role = "teacher" });
        var other = school.Factory.Token(school.Tenant, "t2", "teacher");

        var (own, _, _) = await school.Client.GetAsync("/api/teacher/courses/art101/analytics/heatmap?kind=module-week", other);
        var (foreign, _, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/analytics/heatmap?kind=skill-week", other);
        var (bad, problem, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/analytics/heatmap?kind=skills", school.Teacher);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.UnprocessableEntity), (own, foreign, bad));
        Assert.Equal(["kind"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    private static List<string?> Ids(JsonElement map, string axis) => [.. map.GetProperty(axis).EnumerateArray().Select(a => a.GetProperty("id").GetString())];
}
