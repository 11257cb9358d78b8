using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;

namespace EdTech.Bff.Tests.Content;

/// <summary>An item's difficulty that learns, through the real pipeline: the prior, then released answers moving it (learner-state change feed).</summary>
public sealed class ItemDifficultyTests : IAsyncLifetime
{
    private ApiFactory _factory = null!;
    private School _school = null!;

    private string Author => _factory.Token(_school.Tenant, "c1", Roles.ContentAuthor);

    private string ContentPath(string assessmentId = "quiz1", string itemId = "q1") => $"/api/content/items/{assessmentId}/{itemId}/difficulty";

    private string TeacherPath(string assessmentId = "quiz1", string itemId = "q1") => $"/api/teacher/assessments/{assessmentId}/items/{itemId}/difficulty";

    public async Task InitializeAsync()
    {
        _factory = new ApiFactory();
        _school = await School.CreateAsync(_factory, _factory.CreateClient());
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ContentAuthor_BeforeAnyResponse_ReadsThePriorInTheContractShape()
    {
        var body = await ReadAsync(ContentPath(), Author);

        Assert.Equal("text-features", body.GetProperty("priorSource").GetString());
        Assert.Equal(body.GetProperty("prior").GetDouble(), body.GetProperty("blended").GetDouble());
        Assert.False(body.TryGetProperty("fromResponses", out _), body.ToString());
        Assert.Equal(0, body.GetProperty("responses").GetInt32());
        Assert.Equal(41, body.GetProperty("responsesNeeded").GetInt32());
        Assert.Equal(1, body.GetProperty("priorWeight").GetDouble());
    }

    [Fact]
    public async Task ReleasedAnswers_MoveItFromThePrior_ForContentAuthorAndTeacherAlike()
    {
        var before = await ReadAsync(ContentPath(), Author);
        await _school.WaitForStatusAsync(_school.Student1, await _school.SubmitAsync(_school.Student1));
        await _school.WaitForStatusAsync(_school.Student2, await _school.SubmitAsync(_school.Student2));

        var after = await _school.PollAsync(ContentPath(), Author, b => b.GetProperty("responses").GetInt32() == 2);

        Assert.Equal("elo", after.GetProperty("evidence").GetProperty("source").GetString());
        Assert.True(after.GetProperty("fromResponses").GetDouble() < 0, after.ToString()); // both right: easier than a new item
        Assert.True(after.GetProperty("priorWeight").GetDouble() < 1);
        // Between the prior (unchanged) and the evidence, by precision.
        var (prior, evidence, blended) = (after.GetProperty("prior").GetDouble(), after.GetProperty("fromResponses").GetDouble(), after.GetProperty("blended").GetDouble());
        Assert.Equal(before.GetProperty("prior").GetDouble(), prior);
        Assert.True(blended > Math.Min(prior, evidence) && blended < Math.Max(prior, evidence), after.ToString());
        Assert.True(after.GetProperty("responsesNeeded").GetInt32() > 0);
        var teacher = await ReadAsync(TeacherPath(), _school.Teacher);
        Assert.Equal(after.GetProperty("blended").GetDouble(), teacher.GetProperty("blended").GetDouble());
        Assert.Equal(2, teacher.GetProperty("responses").GetInt32());
    }

    [Fact]
    public async Task TeacherOfAnotherCourse_IsNotFound()
    {
        await Expect(_school.Client.PostAsync("/api/admin/users", _school.Admin, new { id = "t2", displayName = "t2", email = "t2@school.example", roles = new[] { "teacher" } }));
        await Expect(_school.Client.PostAsync("/api/admin/courses", _school.Admin, new { id = "bio201", title = "Biology" }));
        await Expect(_school.Client.PostAsync("/api/admin/courses/bio201/enrollments", _school.Admin, new { userId = "t2", role = "teacher" }));

        var (status, body, response) = await _school.Client.GetAsync(TeacherPath(), _factory.Token(_school.Tenant, "t2", Roles.Teacher));

        Assert.True(status == HttpStatusCode.NotFound, body.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnotherTenantsItem_IsNotFound_ForItsContentAuthor()
    {
        await Expect(_school.Client.PostAsync($"/api/teacher/courses/{_school.Course}/assessments", _school.Teacher, School.QuizBody("only-in-a")));
        var other = await School.CreateAsync(_factory, _school.Client);

        var (status, body, response) = await _school.Client.GetAsync(ContentPath("only-in-a"), _factory.Token(other.Tenant, "c1", Roles.ContentAuthor));

        Assert.True(status == HttpStatusCode.NotFound, body.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await _school.Client.GetAsync(ContentPath("only-in-a"), Author)).Status);
    }

    [Theory]
    [InlineData("quiz1", "q9", "No item ")]
    [InlineData("nope", "q1", "No assessment ")]
    [InlineData("bad%20id!", "q1", "No assessment ")]
    [InlineData("quiz1", "bad%20id!", "No item ")]
    public async Task UnknownOrIllFormedIds_AreNotFound_NamingWhich(string assessmentId, string itemId, string detail)
    {
        var (status, body, response) = await _school.Client.GetAsync(ContentPath(assessmentId, itemId), Author);

        Assert.True(status == HttpStatusCode.NotFound, body.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(detail, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Student_IsForbidden_OnBothRoutes()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _school.Client.GetAsync(ContentPath(), _school.Student1)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _school.Client.GetAsync(TeacherPath(), _school.Student1)).Status);
    }

    [Fact]
    public async Task OpenApiDocuments_ListTheRoutes()
    {
        var (_, content, _) = await _school.Client.GetAsync("/api/openapi/content.json", null);
        var (_, teacher, _) = await _school.Client.GetAsync("/api/openapi/teacher.json", null);

        Assert.True(content.GetProperty("paths").GetProperty("/api/content/items/{assessmentId}/{itemId}/difficulty").TryGetProperty("get", out _));
        Assert.True(teacher.GetProperty("paths").GetProperty("/api/teacher/assessments/{assessmentId}/items/{itemId}/difficulty").TryGetProperty("get", out _));
    }

    private async Task<JsonElement> ReadAsync(string path, string token)
    {
        var (status, body, _) = await _school.Client.GetAsync(path, token);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {status} {body}");
        return body;
    }

    private static async Task Expect(Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> call)
    {
        var (status, body, _) = await call;
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, body.ToString());
    }
}
