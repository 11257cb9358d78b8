using System.Globalization;
using System.Net;
using System.Text.Json;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Usage;

/// <summary>Usage events through the API: intake rules, idempotency by the client's id, and the teacher's per-day usage from the change feed.</summary>
public sealed class UsageEventsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Events = "/api/student/events";

    /// <summary>The School fixture's tenant is in Europe/London: usage days are its local days.</summary>
    private static string Today => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"))
        .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Event(string id, string verb = "viewed", string objectType = "assessment", string objectId = "quiz1", string courseId = "math101",
        DateTimeOffset? at = null, double? durationSeconds = null) =>
        new { id, verb, objectType, objectId, courseId, at = at ?? DateTimeOffset.UtcNow.AddSeconds(-30), durationSeconds };

    [Fact]
    public async Task PostEvents_ABatchThenItsRetryWithOneMore_StoresEachOnce_AndCountsTheRepeatsAsDuplicates()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (first, firstBody, _) = await school.Client.PostAsync(Events, school.Student1, new { events = new[] { Event("e1"), Event("e2", "started"), Event("e1") } });
        var (retry, retryBody, _) = await school.Client.PostAsync(Events, school.Student1, new { events = new[] { Event("e1"), Event("e2", "started"), Event("e3", "completed") } });
        var (classmate, classmateBody, _) = await school.Client.PostAsync(Events, school.Student2, new { events = new[] { Event("e1") } });

        Assert.Equal((HttpStatusCode.Accepted, 2, 1), (first, firstBody.GetProperty("accepted").GetInt32(), firstBody.GetProperty("duplicates").GetInt32()));
        Assert.Equal((HttpStatusCode.Accepted, 1, 2), (retry, retryBody.GetProperty("accepted").GetInt32(), retryBody.GetProperty("duplicates").GetInt32()));
        Assert.Equal((HttpStatusCode.Accepted, 1, 0), (classmate, classmateBody.GetProperty("accepted").GetInt32(), classmateBody.GetProperty("duplicates").GetInt32()));
        var stored = await StoredEventsAsync(school, "s1");
        Assert.Equal(["s1:e1", "s1:e2", "s1:e3"], stored.Select(e => e.Id));
        Assert.All(stored, e => Assert.Equal("s1", e.UserId)); // the token's student; the body names none
    }

    [Fact]
    public async Task PostEvents_OneBadEvent_Is422NamingItsIndexAndField_AndStoresNothing()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await school.Client.PostAsync("/api/admin/courses", school.Admin, new { id = "art101", title = "Art" });
        Assert.Equal(HttpStatusCode.Created, (await school.Client.SendAsync(HttpMethod.Put, $"/api/teacher/courses/{school.Course}/modules/week1", school.Teacher,
            new { title = "Week 1", position = 1, items = new[] { new { id = "i1", title = "Intro", kind = "page" } } })).Status);
        var good = new[] { Event("g1"), Event("g2", objectType: "content", objectId: "week1/i1") };

        var cases = new (object Bad, string Field)[]
        {
            (Event("b1", at: DateTimeOffset.UtcNow.AddMinutes(6)), "events[2].at"),
            (Event("b1", durationSeconds: 86_401), "events[2].durationSeconds"),
            (Event("b1", verb: "liked"), "events[2].verb"),
            (Event("b1", courseId: "art101"), "events[2].courseId"), // exists, but s1 is not enrolled in it
            (Event("b1", objectType: "item", objectId: "quiz1/q9"), "events[2].objectId"),
            (Event("b1", objectType: "content", objectId: "week2"), "events[2].objectId"),
        };
        foreach (var (bad, field) in cases)
        {
            var (status, problem, response) = await school.Client.PostAsync(Events, school.Student1, new { events = new[] { good[0], good[1], bad, Event("later", verb: "nope") } });

            Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }

        var (tooMany, tooManyProblem, _) = await school.Client.PostAsync(Events, school.Student1, new { events = Enumerable.Range(0, 501).Select(i => Event($"m{i}")).ToArray() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany);
        Assert.Equal(["events"], tooManyProblem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Empty(await StoredEventsAsync(school, "s1"));

        var (ok, body, _) = await school.Client.PostAsync(Events, school.Student1, new { events = Enumerable.Range(0, 500).Select(i => Event($"m{i}")).ToArray() });
        Assert.Equal((HttpStatusCode.Accepted, 500), (ok, body.GetProperty("accepted").GetInt32()));
    }

    [Fact]
    public async Task Usage_AfterEventsAndASubmission_ShowsTodayForTheTeacherAndTheContentTeam()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await school.Client.SendAsync(HttpMethod.Put, $"/api/teacher/courses/{school.Course}/modules/week1", school.Teacher,
            new { title = "Week 1", position = 1, items = new[] { new { id = "i1", title = "Intro", kind = "page" } } })).Status);
        await Post(school.Student1, Event("v1", objectType: "content", objectId: "week1/i1", durationSeconds: 300), Event("v2", objectType: "content", objectId: "week1", durationSeconds: 60),
            Event("c1", verb: "completed", objectType: "item", objectId: "quiz1/q1", durationSeconds: 40));
        await Post(school.Student2, Event("v1", objectType: "content", objectId: "week1/i1", durationSeconds: 100));
        await school.SubmitAsync(school.Student2);
        await Settled.FeedAsync(factory);

        var path = $"/api/teacher/courses/{school.Course}/analytics/usage?from={Today}&to={Today}";
        var (status, usage, _) = await school.Client.GetAsync(path, school.Teacher);
        var (content, contentUsage, _) = await school.Client.GetAsync($"/api/content/courses/{school.Course}/analytics/usage?from={Today}&to={Today}",
            school.Factory.Token(school.Tenant, "c1", "content-author"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (status, content));
        var day = Assert.Single(usage.GetProperty("days").EnumerateArray());
        Assert.Equal((Today, 2, 3, 1, 1), (day.GetProperty("date").GetString(), day.GetProperty("activeStudents").GetInt32(), day.GetProperty("contentViews").GetInt32(),
            day.GetProperty("submissions").GetInt32(), day.GetProperty("completions").GetInt32()));
        Assert.Equal(250, day.GetProperty("medianTimeOnTaskSeconds").GetDouble()); // s1 400 s, s2 100 s
        Assert.Equal(usage.GetProperty("days").GetRawText(), contentUsage.GetProperty("days").GetRawText());

        var (week, weekUsage, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/analytics/usage", school.Teacher);
        Assert.Equal(HttpStatusCode.OK, week);
        Assert.Equal(30, weekUsage.GetProperty("days").GetArrayLength());
        Assert.Equal(0, weekUsage.GetProperty("days")[0].GetProperty("activeStudents").GetInt32());
    }

    [Theory]
    [InlineData("?from=2026-02-30&to=2026-03-01", "from")]
    [InlineData("?from=2026-03-02&to=2026-03-01", "from")]
    [InlineData("?from=2025-01-01&to=2026-01-02", "to")]
    [InlineData("?from=2025-01-01&to=tomorrow", "to")]
    public async Task Usage_ABadRange_Is422NamingIt(string query, string field)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (status, problem, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/analytics/usage{query}", school.Teacher);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Usage_ACourseTheTeacherDoesNotTeach_Is404_AndAnUnknownCourseIs404ForTheContentTeam()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await school.Client.PostAsync("/api/admin/courses", school.Admin, new { id = "art101", title = "Art" });

        var (teacher, _, _) = await school.Client.GetAsync("/api/teacher/courses/art101/analytics/usage", school.Teacher);
        var (content, _, _) = await school.Client.GetAsync("/api/content/courses/nope/analytics/usage", school.Factory.Token(school.Tenant, "c1", "content-author"));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (teacher, content));
    }

    private async Task Post(string token, params object[] events)
    {
        var (status, body, _) = await factory.CreateClient().PostAsync(Events, token, new { events });
        Assert.True(status == HttpStatusCode.Accepted, body.ToString());
    }

    private async Task<IReadOnlyList<UsageEventRecord>> StoredEventsAsync(School school, string userId)
    {
        var store = factory.Services.GetRequiredService<IDocumentStore>();
        return (await store.QueryAsync<UsageEventRecord>(new TenantId(school.Tenant), DocumentQuery.InPartition(userId))).Select(e => e.Value).ToList();
    }
}
