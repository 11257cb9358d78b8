using System.Globalization;
using System.Net;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Usage;

/// <summary>
/// The usage read's added fields through the API (the school's local day, completion, sections with small ones hidden) and the
/// drop-off per module route, for the teacher of the course and the content team.
/// </summary>
public sealed class UsageCohortRouteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>The School fixture's tenant is in Europe/London: usage days are its local days.</summary>
    private static string Today => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"))
        .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Event(string id, string verb, string objectId) =>
        new { id, verb, objectType = "content", objectId, courseId = "math101", at = DateTimeOffset.UtcNow.AddSeconds(-30), durationSeconds = 60 };

    [Fact]
    public async Task Usage_FiveStudentsInASectionAndOneWithout_GivesTheSectionsFigures_HidesTheSmallOne_AndTheModuleFunnel()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await school.Client.SendAsync(HttpMethod.Put, $"/api/teacher/courses/{school.Course}/modules/week1", school.Teacher,
            new { title = "Week 1", position = 1, items = new[] { new { id = "i1", title = "Intro", kind = "page" } } })).Status);
        Assert.Equal(HttpStatusCode.Created, (await school.Client.SendAsync(HttpMethod.Put, $"/api/teacher/courses/{school.Course}/modules/week2", school.Teacher,
            new { title = "Week 2", position = 2, items = new[] { new { id = "j1", title = "More", kind = "page" } } })).Status);
        for (var i = 1; i <= 5; i++)
        {
            var student = await school.AddStudentAsync($"a{i}", "7A");
            await PostAsync(student, Event("v", "viewed", "week1/i1"), Event("s", "started", "week1"), Event("c", "completed", "week1"));
        }

        await PostAsync(school.Student1, Event("v", "viewed", "week1/i1"), Event("s", "started", "week1"));
        await Settled.FeedAsync(factory);

        var (status, usage, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/analytics/usage?from={Today}&to={Today}", school.Teacher);
        var (modulesStatus, modules, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/analytics/usage/modules", school.Teacher);
        var (contentStatus, contentModules, _) = await school.Client.GetAsync($"/api/content/courses/{school.Course}/analytics/usage/modules",
            school.Factory.Token(school.Tenant, "c1", "content-author"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (status, modulesStatus, contentStatus));
        Assert.Equal(("Europe/London", 5), (usage.GetProperty("timeZone").GetString(), usage.GetProperty("minCount").GetInt32()));
        var day = Assert.Single(usage.GetProperty("days").EnumerateArray());
        Assert.Equal((6, 6, 5.0 / 6), (day.GetProperty("activeStudents").GetInt32(), day.GetProperty("contentViews").GetInt32(), day.GetProperty("completion").GetDouble()));
        var sections = day.GetProperty("bySection").EnumerateArray().ToList();
        Assert.Equal(["", "7A"], sections.Select(s => s.GetProperty("section").GetString()));
        Assert.Equal((1, true), (sections[0].GetProperty("activeStudents").GetInt32(), sections[0].GetProperty("hidden").GetBoolean()));
        Assert.Equal(["section", "activeStudents", "hidden"], sections[0].EnumerateObject().Select(p => p.Name)); // hidden figures are null, so left out
        Assert.False(sections[1].GetProperty("hidden").GetBoolean());
        Assert.Equal((5, 5, 1.0, 180.0), (sections[1].GetProperty("activeStudents").GetInt32(), sections[1].GetProperty("contentViews").GetInt32(),
            sections[1].GetProperty("completion").GetDouble(), sections[1].GetProperty("medianTimeOnTaskSeconds").GetDouble()));

        var rows = modules.GetProperty("modules").EnumerateArray()
            .Select(m => (m.GetProperty("moduleId").GetString(), m.GetProperty("started").GetInt32(), m.GetProperty("completed").GetInt32(),
                m.GetProperty("inProgress").GetInt32(), m.GetProperty("droppedOff").GetInt32())).ToList();
        Assert.Equal([("week1", 6, 5, 1, 0), ("week2", 0, 0, 0, 0)], rows);
        Assert.Equal(14, modules.GetProperty("inactiveDays").GetInt32());
        Assert.Equal(modules.GetProperty("modules").GetRawText(), contentModules.GetProperty("modules").GetRawText());
    }

    [Fact]
    public async Task Modules_ACourseTheTeacherDoesNotTeach_Is404_AndAnUnknownCourseIs404ForTheContentTeam()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await school.Client.PostAsync("/api/admin/courses", school.Admin, new { id = "art101", title = "Art" });

        var (teacher, _, _) = await school.Client.GetAsync("/api/teacher/courses/art101/analytics/usage/modules", school.Teacher);
        var (student, _, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/analytics/usage/modules", school.Student1);
        var (content, _, _) = await school.Client.GetAsync("/api/content/courses/nope/analytics/usage/modules", school.Factory.Token(school.Tenant, "c1", "content-author"));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.NotFound), (teacher, student, content));
    }

    private async Task PostAsync(string token, params object[] events)
    {
        var (status, body, _) = await factory.CreateClient().PostAsync("/api/student/events", token, new { events });
        Assert.True(status == HttpStatusCode.Accepted, body.ToString());
    }
}
