using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Rubrics;

/// <summary>The rubric routes over HTTP: create (idempotent by id), read with ETag and by version, versioned edit with If-Match, paged list, 422 naming the field, 404/403.</summary>
public sealed class RubricRouteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Rubrics = "/api/teacher/courses/math101/rubrics";

    [Fact]
    public async Task Create_ThenReadEditAndReadTheOldVersion_EditNeedsACurrentIfMatch()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (created, body, response) = await school.Client.PostAsync(Rubrics, school.Teacher, RubricWorld.RubricBody());
        Assert.True(created == HttpStatusCode.Created, $"{created} {body}");
        Assert.Equal(("essay-r", 1, 5m), (body.GetProperty("rubricId").GetString(), body.GetProperty("version").GetInt32(), body.GetProperty("maxPoints").GetDecimal()));
        Assert.Equal("/api/teacher/courses/math101/rubrics/essay-r", response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await school.Client.PostAsync(Rubrics, school.Teacher, RubricWorld.RubricBody())).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await school.Client.PostAsync(Rubrics, school.Teacher, RubricWorld.RubricBody(great: 4))).Status);

        var (_, read, readResponse) = await school.Client.GetAsync($"{Rubrics}/essay-r", school.Teacher);
        var etag = readResponse.Headers.ETag!.ToString();
        Assert.Equal("Great", read.GetProperty("criteria")[0].GetProperty("levels")[2].GetProperty("title").GetString());

        var edit = RubricWorld.RubricBody(great: 4, title: "Essay rubric v2");
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await RubricWorld.SendAsync(school, HttpMethod.Put, $"{Rubrics}/essay-r", school.Teacher, edit, null)).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await RubricWorld.SendAsync(school, HttpMethod.Put, $"{Rubrics}/essay-r", school.Teacher, edit, "\"stale\"")).Status);
        var (ok, edited, editResponse) = await RubricWorld.SendAsync(school, HttpMethod.Put, $"{Rubrics}/essay-r", school.Teacher, edit, etag);
        Assert.True(ok == HttpStatusCode.OK, $"{ok} {edited}");
        Assert.Equal((2, "Essay rubric v2", 6m), (edited.GetProperty("version").GetInt32(), edited.GetProperty("title").GetString(), edited.GetProperty("maxPoints").GetDecimal()));
        Assert.NotEqual(etag, editResponse.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await RubricWorld.SendAsync(school, HttpMethod.Put, $"{Rubrics}/essay-r", school.Teacher, edit, etag)).Status);

        var (_, old, oldResponse) = await school.Client.GetAsync($"{Rubrics}/essay-r?version=1", school.Teacher);
        Assert.Equal((1, "Essay rubric", 5m), (old.GetProperty("version").GetInt32(), old.GetProperty("title").GetString(), old.GetProperty("maxPoints").GetDecimal()));
        Assert.Null(oldResponse.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync($"{Rubrics}/essay-r?version=3", school.Teacher)).Status);
        var (badVersion, versionProblem, _) = await school.Client.GetAsync($"{Rubrics}/essay-r?version=first", school.Teacher);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badVersion);
        RubricWorld.AssertNames(versionProblem, "version");
    }

    [Fact]
    public async Task List_PagesByRubricId_WithNextAndETag()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        foreach (var id in new[] { "r3", "r1", "r2" })
        {
            Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync(Rubrics, school.Teacher, RubricWorld.RubricBody(id))).Status);
        }

        var (_, first, firstResponse) = await school.Client.GetAsync($"{Rubrics}?limit=2", school.Teacher);
        Assert.Equal(["r1", "r2"], Ids(first));
        Assert.Equal((2, 5m), (first.GetProperty("items")[0].GetProperty("criterionCount").GetInt32(), first.GetProperty("items")[0].GetProperty("maxPoints").GetDecimal()));
        var (_, second, _) = await school.Client.GetAsync($"{Rubrics}?limit=2&next={first.GetProperty("next").GetString()}", school.Teacher);
        Assert.Equal(["r3"], Ids(second));
        Assert.False(second.TryGetProperty("next", out _));
        Assert.NotNull(firstResponse.Headers.ETag);
        var (badLimit, problem, _) = await school.Client.GetAsync($"{Rubrics}?limit=500", school.Teacher);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badLimit);
        RubricWorld.AssertNames(problem, "limit");
    }

    [Theory]
    [InlineData("criteria[1].levels[0].points", -1)]
    [InlineData("criteria[1].levels[0].points", 0.125)]
    [InlineData("criteria[1].levels[0].points", 1001)]
    public async Task Create_BadLevelPoints_Is422NamingTheLevel(string field, decimal points)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var body = new
        {
            id = "bad", title = "Bad",
            criteria = new object[]
            {
                new { id = "a", title = "A", levels = new[] { new { id = "l1", title = "L1", points = 1m } } },
                new { id = "b", title = "B", levels = new[] { new { id = "l1", title = "L1", points } } },
            },
        };

        var (status, problem, _) = await school.Client.PostAsync(Rubrics, school.Teacher, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        RubricWorld.AssertNames(problem, field);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync($"{Rubrics}/bad", school.Teacher)).Status);
    }

    [Fact]
    public async Task Create_DuplicateIdsMissingLevelsAndZeroMaximum_Are422NamingEachField()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var duplicates = new
        {
            title = "Dup",
            criteria = new object[]
            {
                new { id = "a", title = "A", levels = new[] { new { id = "l1", title = "L1", points = 1 }, new { id = "l1", title = "Again", points = 2 } } },
                new { id = "a", title = "A again", levels = Array.Empty<object>() },
            },
        };
        var zero = new { title = "Zero", criteria = new[] { new { id = "a", title = "A", levels = new[] { new { id = "l1", title = "L1", points = 0 } } } } };

        var (_, dup, _) = await school.Client.PostAsync(Rubrics, school.Teacher, duplicates);
        var (_, none, _) = await school.Client.PostAsync(Rubrics, school.Teacher, zero);

        RubricWorld.AssertNames(dup, "criteria[0].levels[1].id");
        RubricWorld.AssertNames(dup, "criteria[1].id");
        RubricWorld.AssertNames(dup, "criteria[1].levels");
        RubricWorld.AssertNames(none, "criteria");
    }

    [Fact]
    public async Task OtherCourseOtherTenantAndOtherRole_404And403()
    {
        var school = await RubricWorld.SchoolAsync(factory);
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync("/api/admin/users", school.Admin, new { id = "t9", displayName = "t9", email = "t9@school.example", roles = new[] { "teacher" } })).Status);
        var outsider = factory.Token(school.Tenant, "t9", "teacher");
        var other = await School.CreateAsync(factory, factory.CreateClient());

        foreach (var token in new[] { outsider, other.Teacher })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync($"{Rubrics}/essay-r", token)).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await RubricWorld.SendAsync(school, HttpMethod.Put, $"{Rubrics}/essay-r", token, RubricWorld.RubricBody(great: 9), "\"x\"")).Status);
        }

        // The other school has its own math101 (same ids): its teacher lists that course's rubrics, none of this school's.
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync(Rubrics, outsider)).Status);
        var (_, foreign, _) = await school.Client.GetAsync(Rubrics, other.Teacher);
        Assert.Empty(Ids(foreign));
        Assert.Equal(HttpStatusCode.Forbidden, (await school.Client.GetAsync($"{Rubrics}/essay-r", school.Student1)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.Client.PostAsync(Rubrics, school.Student1, RubricWorld.RubricBody("x"))).Status);
    }

    [Fact]
    public async Task AssessmentItems_RubricOnAnAutoGradedItemOrUnknownRubric_Is422NamingTheItem()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await school.Client.PostAsync(Rubrics, school.Teacher, RubricWorld.RubricBody())).Status);
        var autoGraded = new
        {
            id = "bad1", title = "Bad", dueAt = DateTimeOffset.UtcNow.AddDays(1), release = new { mode = "manual" },
            items = new object[] { new { id = "q1", type = "single-choice", prompt = "?", choices = new[] { "a", "b" }, answer = "a", points = 1, skills = Array.Empty<string>(), rubricId = "essay-r" } },
        };

        var (auto, autoProblem, _) = await school.Client.PostAsync("/api/teacher/courses/math101/assessments", school.Teacher, autoGraded);
        var (unknown, unknownProblem, _) = await school.Client.PostAsync("/api/teacher/courses/math101/assessments", school.Teacher, RubricWorld.EssayQuiz("no-such-rubric"));
        var (ok, created, _) = await school.Client.PostAsync("/api/teacher/courses/math101/assessments", school.Teacher, RubricWorld.EssayQuiz());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, auto);
        RubricWorld.AssertNames(autoProblem, "items[0].rubricId");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown);
        RubricWorld.AssertNames(unknownProblem, "items[4].rubricId");
        Assert.Equal(HttpStatusCode.Created, ok);
        Assert.Equal("essay-r", created.GetProperty("items")[4].GetProperty("rubricId").GetString());
    }

    private static string[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("rubricId").GetString()!).ToArray();
}
