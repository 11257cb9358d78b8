using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Rubrics;

/// <summary>A school with the rubric "essay-r" (content 0/2/3, style 0/2: max 5) and the assessment "essay1" whose essay e1 (5 points) uses it.</summary>
internal static class RubricWorld
{
    public static readonly object EssayAnswers = new
    {
        answers = new object[]
        {
            new { itemId = "q1", value = "4" }, new { itemId = "q2", value = new[] { "3", "2" } },
            new { itemId = "q3", value = 3.141 }, new { itemId = "q4", value = " paris " },
            new { itemId = "e1", value = "Because." },
        },
    };

    public static object RubricBody(string id = "essay-r", decimal great = 3, string title = "Essay rubric") => new
    {
        id, title, description = "How essays are marked",
        criteria = new object[]
        {
            new
            {
                id = "content", title = "Content", description = "Argument and evidence",
                levels = new object[]
                {
                    new { id = "poor", title = "Poor", description = "No argument", points = 0 },
                    new { id = "good", title = "Good", description = "An argument", points = 2 },
                    new { id = "great", title = "Great", description = "A clear thesis, well supported", points = great },
                },
            },
            new
            {
                id = "style", title = "Style",
                levels = new object[] { new { id = "weak", title = "Weak", points = 0 }, new { id = "strong", title = "Strong", points = 2 } },
            },
        },
    };

    public static object EssayQuiz(string rubricId = "essay-r", string releaseMode = "manual") => new
    {
        id = "essay1", title = "Essay", dueAt = DateTimeOffset.UtcNow.AddDays(1), graceSeconds = 300, release = new { mode = releaseMode },
        items = new object[]
        {
            new { id = "q1", type = "single-choice", prompt = "2+2?", choices = new[] { "3", "4", "5" }, answer = "4", points = 1, skills = new[] { "arithmetic" } },
            new { id = "q2", type = "multi-choice", prompt = "Primes?", choices = new[] { "2", "3", "4" }, answer = new[] { "2", "3" }, points = 2, skills = new[] { "primes" } },
            new { id = "q3", type = "numeric", prompt = "pi?", answer = 3.14, tolerance = 0.01, points = 1, skills = new[] { "geometry" } },
            new { id = "q4", type = "short-text", prompt = "Capital of France?", answer = "Paris", points = 1, skills = new[] { "geography" } },
            new { id = "e1", type = "essay", prompt = "Why?", points = 5, skills = new[] { "writing" }, rubricId },
        },
    };

    public static object Levels(string content, string style, string? contentComment = null) => new
    {
        itemScores = new[]
        {
            new { itemId = "e1", criteria = new[] { new { criterionId = "content", levelId = content, comment = contentComment }, new { criterionId = "style", levelId = style, comment = (string?)null } } },
        },
    };

    /// <summary>The school, the rubric and the essay assessment; no submission yet.</summary>
    public static async Task<School> SchoolAsync(ApiFactory factory, string releaseMode = "manual")
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (rubric, body, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/rubrics", school.Teacher, RubricBody());
        Assert.True(rubric == HttpStatusCode.Created, $"{rubric} {body}");
        var (quiz, quizBody, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, EssayQuiz(releaseMode: releaseMode));
        Assert.True(quiz == HttpStatusCode.Created, $"{quiz} {quizBody}");
        return school;
    }

    /// <summary>A submission of <paramref name="student"/> to essay1, awaiting review.</summary>
    public static async Task<string> AwaitingReviewAsync(School school, string student)
    {
        var submissionId = await school.SubmitAsync(student, EssayAnswers, "essay1");
        await school.WaitForStatusAsync(student, submissionId, "awaiting-review");
        return submissionId;
    }

    public static async Task<string> ETagAsync(School school, string submissionId) =>
        (await school.Client.GetAsync($"/api/teacher/submissions/{submissionId}", school.Teacher)).Response.Headers.ETag!.ToString();

    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(
        School school, HttpMethod method, string path, string token, object body, string? ifMatch)
    {
        using var request = ApiClient.Request(method, path, token, body);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        var response = await school.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    public static Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> GradeAsync(School school, string submissionId, object body, string? ifMatch) =>
        SendAsync(school, HttpMethod.Post, $"/api/teacher/submissions/{submissionId}/grades", school.Teacher, body, ifMatch);

    public static void AssertNames(JsonElement problem, string field) =>
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error on {field}: {problem}");
}
