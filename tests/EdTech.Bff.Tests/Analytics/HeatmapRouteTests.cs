using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Analytics;

/// <summary>The item × section heatmap through the API: sections come from enrollments, small sections are hidden, SVG on request.</summary>
public sealed class HeatmapRouteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Projected = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Heatmap_FiveStudentsInA_AndTwoInB_ShowsAAndHidesB_AsJsonAndSvg()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var students = new List<string>();
        for (var i = 1; i <= 7; i++)
        {
            students.Add(await school.AddStudentAsync($"h{i}", i <= 5 ? "7A" : "7B"));
        }

        foreach (var student in students)
        {
            await school.SubmitAsync(student);
        }

        await school.PollAsync($"/api/teacher/assessments/{school.Quiz}/statistics", school.Teacher, s => s.GetProperty("graded").GetInt32() == 7, Projected);
        var path = $"/api/teacher/courses/{school.Course}/analytics/heatmap?kind=item-section";
        // The sums are the deferrable analytics-items projection's: they follow the statistics projection.
        await school.PollAsync(path, school.Teacher, m => m.GetProperty("counts").EnumerateArray().FirstOrDefault().ValueKind == System.Text.Json.JsonValueKind.Array
            && m.GetProperty("counts")[0].EnumerateArray().Sum(c => c.GetInt32()) == 7, Projected);
        var (status, map, _) = await school.Client.GetAsync(path, school.Teacher);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["7A", "7B"], map.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal("quiz1/q1", map.GetProperty("rows")[0].GetProperty("id").GetString());
        var q1 = map.GetProperty("cells")[0];
        Assert.Equal(1.0, q1[0].GetDouble());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, q1[1].ValueKind);
        Assert.Equal((5, 2), (map.GetProperty("counts")[0][0].GetInt32(), map.GetProperty("counts")[0][1].GetInt32()));

        using var request = ApiClient.Request(HttpMethod.Get, path, school.Teacher);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/svg+xml"));
        using var svg = await school.Client.SendAsync(request);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        var document = XDocument.Parse(await svg.Content.ReadAsStringAsync());
        Assert.Equal(8, document.Descendants(XName.Get("title", "http://www.w3.org/2000/svg")).Count(t => t.Value.Contains(" / 7", StringComparison.Ordinal)));

        var (contentStatus, _, _) = await school.Client.GetAsync($"/api/content/courses/{school.Course}/analytics/heatmap", school.Factory.Token(school.Tenant, "c1", "content-author"));
        Assert.Equal(HttpStatusCode.OK, contentStatus);
    }

    [Fact]
    public async Task Heatmap_UnknownKind_Is422NamingKind_AndABadSectionIs422NamingSection()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (kind, problem, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/analytics/heatmap?kind=pie", school.Teacher);
        await school.Client.PostAsync("/api/admin/users", school.Admin, new { id = "bad1", displayName = "b", email = "bad1@school.example", roles = new[] { "student" } });
        var (section, sectionProblem, _) = await school.Client.PostAsync($"/api/admin/courses/{school.Course}/enrollments", school.Admin, new { userId = "bad1", role = "student", section = "7A/../x" });

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (kind, section));
        Assert.Contains("kind", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("section", sectionProblem.GetRawText(), StringComparison.Ordinal);
        var (created, enrollment, _) = await school.Client.PostAsync($"/api/admin/courses/{school.Course}/enrollments", school.Admin, new { userId = "bad1", role = "student", section = "7C" });
        Assert.Equal((HttpStatusCode.Created, "7C"), (created, enrollment.GetProperty("section").GetString()));
    }
}
