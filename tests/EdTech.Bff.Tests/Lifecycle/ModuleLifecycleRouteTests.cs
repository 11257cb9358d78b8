using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Fuzz;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Lifecycle;

/// <summary>Module update and delete with ETag/If-Match; analytics after a module is deleted.</summary>
public sealed class ModuleLifecycleRouteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static string Path(School s, string module = "w1") => $"/api/teacher/courses/{s.Course}/modules/{module}";

    private static object Module(string title, int position = 1) =>
        new { title, position, items = new object[] { new { id = "i1", title = "Quiz", kind = "assessment", assessmentId = "quiz1" }, new { id = "i2", title = "Intro", kind = "page" } } };

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? ETag)> SendAsync(School school, HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var request = ApiClient.Request(method, path, school.Teacher, body);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await school.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Put_AnswersTheETag_GetReturnsIt_AStaleIfMatchIs412AndChangesNothing()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (created, _, etag) = await SendAsync(school, HttpMethod.Put, Path(school), Module("Week 1"));
        var (read, body, readETag) = await SendAsync(school, HttpMethod.Get, Path(school));
        var (renamed, _, renamedETag) = await SendAsync(school, HttpMethod.Put, Path(school), Module("Week one", 3), etag);
        var before = StoreSnapshot.Take(factory.DataDirectory, school.Tenant);

        var (stale, _, _) = await SendAsync(school, HttpMethod.Put, Path(school), Module("Week 1 again"), etag);

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal(("w1", "Week 1"), (body.GetProperty("id").GetString(), body.GetProperty("title").GetString()));
        Assert.Equal(etag, readETag);
        Assert.Equal(HttpStatusCode.OK, renamed);
        Assert.NotEqual(etag, renamedETag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale);
        Assert.Equal(before, StoreSnapshot.Take(factory.DataDirectory, school.Tenant));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(school, HttpMethod.Put, Path(school, "never"), Module("New"), etag)).Status);
    }

    [Fact]
    public async Task Delete_WithAStaleIfMatchIs412_ThenDeletes_AndTheModuleIs404()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (_, _, first) = await SendAsync(school, HttpMethod.Put, Path(school), Module("Week 1"));
        var (_, _, second) = await SendAsync(school, HttpMethod.Put, Path(school), Module("Week 2"), first);

        var (stale, _, _) = await SendAsync(school, HttpMethod.Delete, Path(school), ifMatch: first);
        var (deleted, _, _) = await SendAsync(school, HttpMethod.Delete, Path(school), ifMatch: second);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale);
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(school, HttpMethod.Get, Path(school))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(school, HttpMethod.Delete, Path(school))).Status);
        var (_, list, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/modules", school.Teacher);
        Assert.Equal(0, list.GetProperty("modules").GetArrayLength());
    }

    [Fact]
    public async Task AfterDelete_ProgressStays_AndModuleAnalyticsLeaveTheModuleOut_Never5xx()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await SendAsync(school, HttpMethod.Put, Path(school), Module("Week 1"));
        var events = new { events = new[] { new { id = "ev-1", verb = "viewed", objectType = "content", objectId = "w1/i2", courseId = school.Course, at = DateTimeOffset.UtcNow.AddMinutes(-1) } } };
        var (posted, postedBody, _) = await school.Client.PostAsync("/api/student/events", school.Student1, events);
        Assert.True(posted == HttpStatusCode.Accepted, postedBody.ToString());
        await school.PollAsync($"/api/teacher/courses/{school.Course}/analytics/usage/modules", school.Teacher,
            b => b.GetProperty("modules").EnumerateArray().Any(m => m.GetProperty("started").GetInt32() > 0));

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(school, HttpMethod.Delete, Path(school))).Status);

        var (usage, modules, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/analytics/usage/modules", school.Teacher);
        Assert.Equal(HttpStatusCode.OK, usage);
        Assert.Equal(0, modules.GetProperty("modules").GetArrayLength());
        foreach (var path in new[] { "analytics/heatmap?kind=module-week", "analytics/improvements", "analytics/heatmap?kind=item-section" })
        {
            var (status, body, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/{path}", school.Teacher);
            Assert.True(status == HttpStatusCode.OK, $"{path}: {status} {body}");
        }
    }

    [Fact]
    public async Task ArchivedCourse_RefusesModuleChanges_409NamingTheCourse()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await SendAsync(school, HttpMethod.Put, Path(school), Module("Week 1"));
        Assert.Equal(HttpStatusCode.OK, (await school.Client.SendAsync(HttpMethod.Patch, $"/api/admin/courses/{school.Course}", school.Admin, new { archived = true })).Status);

        var (put, problem, _) = await SendAsync(school, HttpMethod.Put, Path(school), Module("Week 2"));
        var (delete, _, _) = await SendAsync(school, HttpMethod.Delete, Path(school));

        Assert.Equal(HttpStatusCode.Conflict, put);
        Assert.Contains("math101", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, delete);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(school, HttpMethod.Get, Path(school))).Status);
    }
}
