using System.Net;
using System.Text;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Validation;

public sealed class BadInputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static string[] ErrorFields(JsonElement body) => body.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public async Task MalformedJson_Is400ProblemJson()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (status, body, response) = await school.Client.SendAsync(HttpMethod.Post, "/api/admin/courses", school.Admin, rawJson: "{\"id\": \"c1\", ");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(body.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task WrongType_Is400NamingTheField()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var quiz = JsonSerializer.Serialize(School.QuizBody("typed")).Replace("\"points\":2", "\"points\":\"two\"", StringComparison.Ordinal);

        var (status, body, _) = await school.Client.SendAsync(HttpMethod.Post, $"/api/teacher/courses/{school.Course}/assessments", school.Teacher, rawJson: quiz);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("items[1].points", ErrorFields(body));
    }

    [Fact]
    public async Task UnknownReleaseMode_Is422NamingTheField()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var quiz = JsonSerializer.Serialize(School.QuizBody("mode")).Replace("\"immediate\"", "\"whenever\"", StringComparison.Ordinal);

        var (status, body, _) = await school.Client.SendAsync(HttpMethod.Post, $"/api/teacher/courses/{school.Course}/assessments", school.Teacher, rawJson: quiz);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Contains("release.mode", ErrorFields(body));
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z", 604800)]
    [InlineData("9999-12-31T23:59:59Z", 0)]
    [InlineData("0001-01-01T00:00:00Z", 0)]
    public async Task FarDueDate_Is422NamingDueAt_NothingCreated(string dueAt, int grace)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var quiz = JsonSerializer.Serialize(School.QuizBody("far")).Replace("\"graceSeconds\":300", $"\"graceSeconds\":{grace}", StringComparison.Ordinal);
        quiz = System.Text.RegularExpressions.Regex.Replace(quiz, "\"dueAt\":\"[^\"]+\"", $"\"dueAt\":\"{dueAt}\"");

        var (status, body, response) = await school.Client.SendAsync(HttpMethod.Post, $"/api/teacher/courses/{school.Course}/assessments", school.Teacher, rawJson: quiz);
        var (after, _, _) = await school.Client.SendAsync(HttpMethod.Get, $"/api/teacher/courses/{school.Course}/assessments/far", school.Teacher);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("dueAt", ErrorFields(body));
        Assert.Equal(HttpStatusCode.NotFound, after);
    }

    [Fact]
    public async Task FarScheduledRelease_Is422NamingReleaseAt()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var quiz = JsonSerializer.Serialize(School.QuizBody("far-release")).Replace("\"release\":{\"mode\":\"immediate\"", "\"release\":{\"mode\":\"scheduled\",\"at\":\"9999-12-31T23:59:59Z\"", StringComparison.Ordinal);

        var (status, body, _) = await school.Client.SendAsync(HttpMethod.Post, $"/api/teacher/courses/{school.Course}/assessments", school.Teacher, rawJson: quiz);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Contains("release.at", ErrorFields(body));
    }

    [Fact]
    public async Task AnswerKeyNotAmongChoices_Is422NamingTheItem()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var quiz = JsonSerializer.Serialize(School.QuizBody("key")).Replace("\"answer\":\"4\"", "\"answer\":\"7\"", StringComparison.Ordinal);

        var (status, body, _) = await school.Client.SendAsync(HttpMethod.Post, $"/api/teacher/courses/{school.Course}/assessments", school.Teacher, rawJson: quiz);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Contains("items[0].answer", ErrorFields(body));
    }

    [Fact]
    public async Task Submission_UnknownItemAndWrongValueType_Is422NamingEach()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var answers = new { answers = new object[] { new { itemId = "zz", value = "4" }, new { itemId = "q3", value = "three" } } };

        var (status, body, _) = await school.Client.PostAsync($"/api/student/assessments/{school.Quiz}/submissions", school.Student1, answers);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Contains("answers[0].itemId", ErrorFields(body));
        Assert.Contains("answers[1].value", ErrorFields(body));
    }

    [Fact]
    public async Task NonJsonContentType_Is415()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var request = ApiClient.Request(HttpMethod.Post, "/api/admin/courses", school.Admin);
        request.Content = new StringContent("id=c1", Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await school.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OversizedBody_Is413AndNothingStored()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var huge = JsonSerializer.Serialize(new { id = "big", title = new string('x', 300_000) });

        var (status, _, _) = await school.Client.SendAsync(HttpMethod.Post, "/api/admin/courses", school.Admin, rawJson: huge);
        var (retry, _, _) = await school.Client.PostAsync("/api/admin/courses", school.Admin, new { id = "big", title = "Small" });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(HttpStatusCode.Created, retry);
    }

    [Fact]
    public async Task DeeplyNestedJson_Is400()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var nested = "{\"id\":\"n1\",\"title\":\"t\",\"extra\":" + new string('[', 200) + new string(']', 200) + "}";

        var (status, _, _) = await school.Client.SendAsync(HttpMethod.Post, "/api/admin/courses", school.Admin, rawJson: nested);

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task InvalidUtf8_Is400()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var request = ApiClient.Request(HttpMethod.Post, "/api/admin/courses", school.Admin);
        var bytes = Encoding.UTF8.GetBytes("{\"id\":\"u1\",\"title\":\"AB\"}");
        bytes[20] = 0xFF;
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await school.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task RejectedCreate_ChangesNothing()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (rejected, _, _) = await school.Client.PostAsync("/api/admin/users", school.Admin, new { id = "u1", displayName = "U", email = "nope", roles = new[] { "student" } });
        var (accepted, _, _) = await school.Client.PostAsync("/api/admin/users", school.Admin, new { id = "u1", displayName = "Other", email = "u1@school.example", roles = new[] { "teacher" } });

        Assert.Equal((HttpStatusCode)422, rejected);
        Assert.Equal(HttpStatusCode.Created, accepted);
    }

    [Fact]
    public async Task Enrollment_UnknownUser_Is422AndUnknownCourse_Is404()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (user, body, _) = await school.Client.PostAsync($"/api/admin/courses/{school.Course}/enrollments", school.Admin, new { userId = "ghost", role = "student" });
        var (course, _, _) = await school.Client.PostAsync("/api/admin/courses/nope/enrollments", school.Admin, new { userId = "s1", role = "student" });

        Assert.Equal((HttpStatusCode)422, user);
        Assert.Contains("userId", ErrorFields(body));
        Assert.Equal(HttpStatusCode.NotFound, course);
    }
}
