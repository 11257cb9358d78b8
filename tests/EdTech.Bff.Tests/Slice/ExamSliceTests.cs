using System.Net;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Slice;

/// <summary>API.md's first exam slice through the real HTTP pipeline, store, change feed and durable engine.</summary>
public sealed class ExamSliceTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Submit_ImmediateRelease_StudentReadsReleasedScore()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var submissionId = await school.SubmitAsync(school.Student1);

        var view = await school.WaitForStatusAsync(school.Student1, submissionId);

        Assert.Equal(5, view.GetProperty("score").GetDecimal());
        Assert.Equal(5, view.GetProperty("maxScore").GetDecimal());
        Assert.False(view.GetProperty("late").GetBoolean());
    }

    [Fact]
    public async Task Submit_WrongAnswers_ScoresOnlyTheRightOnes()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var answers = new
        {
            answers = new object[]
            {
                new { itemId = "q1", value = "3" }, new { itemId = "q2", value = new[] { "2", "3", "4" } },
                new { itemId = "q3", value = 3.16 }, new { itemId = "q4", value = "Paris" },
            },
        };
        var submissionId = await school.SubmitAsync(school.Student1, answers);

        var view = await school.WaitForStatusAsync(school.Student1, submissionId);

        Assert.Equal(1, view.GetProperty("score").GetDecimal());
    }

    [Fact]
    public async Task Gradebook_AfterOneSubmission_ShowsScoreAndNotSubmitted()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var submissionId = await school.SubmitAsync(school.Student1);
        await school.WaitForStatusAsync(school.Student1, submissionId);

        var (status, body, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/gradebook", school.Teacher);

        Assert.Equal(HttpStatusCode.OK, status);
        var rows = body.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("userId").GetString()!, r => r.GetProperty("assessments")[0]);
        Assert.Equal(2, rows.Count);
        Assert.Equal("released", rows["s1"].GetProperty("status").GetString());
        Assert.Equal(5, rows["s1"].GetProperty("score").GetDecimal());
        Assert.Equal("not-submitted", rows["s2"].GetProperty("status").GetString());
        Assert.False(rows["s2"].TryGetProperty("score", out _));
    }

    [Fact]
    public async Task Submit_SameIdempotencyKey_ReturnsSameSubmission()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        async Task<string> Send()
        {
            var request = ApiClient.Request(HttpMethod.Post, $"/api/student/assessments/{school.Quiz}/submissions", school.Student1, School.PerfectAnswers);
            request.Headers.Add("Idempotency-Key", "retry-me");
            var response = await school.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("submissionId").GetString()!;
        }

        var first = await Send();
        var second = await Send();

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Submit_ServerOwnedFieldsInBody_AreIgnored()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (status, body, _) = await school.Client.SendAsync(HttpMethod.Post, $"/api/student/assessments/{school.Quiz}/submissions", school.Student1,
            rawJson: """{"answers":[{"itemId":"q1","value":"3"}],"score":100,"status":"released","userId":"s2","tenant":"other","submittedAt":"2000-01-01T00:00:00Z"}""");
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("accepted", body.GetProperty("status").GetString());

        var view = await school.WaitForStatusAsync(school.Student1, body.GetProperty("submissionId").GetString()!);

        Assert.Equal(0, view.GetProperty("score").GetDecimal());
        Assert.True(view.GetProperty("submittedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Submit_BeyondMaxAttempts_Returns409()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (created, _, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, School.QuizBody("once", maxAttempts: 1));
        Assert.Equal(HttpStatusCode.Created, created);
        await school.SubmitAsync(school.Student1, assessmentId: "once");

        var (status, body, response) = await school.Client.PostAsync("/api/student/assessments/once/submissions", school.Student1, School.PerfectAnswers);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("/conflict", body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task StudentAssessment_NeverContainsAnswerKeys()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var response = await school.Client.SendAsync(ApiClient.Request(HttpMethod.Get, $"/api/student/assessments/{school.Quiz}", school.Student1));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"q4\"", text);
        Assert.DoesNotContain("answer", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("tolerance", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Paris", text);
    }

    [Fact]
    public async Task CreateAssessment_Twice_SameContentIs200_DifferentContentIs409()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var body = School.QuizBody("twice", dueAt: new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var (first, _, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, body);
        var (again, _, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, body);
        var (changed, _, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher,
            School.QuizBody("twice", dueAt: new DateTimeOffset(2030, 1, 2, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(HttpStatusCode.Conflict, changed);
    }

    [Fact]
    public async Task Submit_WithEssay_AwaitsReviewWithoutScore()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, School.QuizBody("essay", withEssay: true));
        var answers = new { answers = new object[] { new { itemId = "q1", value = "4" }, new { itemId = "e1", value = "Because." } } };

        var view = await school.WaitForStatusAsync(school.Student1, await school.SubmitAsync(school.Student1, answers, "essay"), "awaiting-review");

        Assert.False(view.TryGetProperty("score", out _));
    }

    [Fact]
    public async Task OpenApi_StudentDocument_ListsOnlyStudentRoutes()
    {
        var response = await factory.CreateClient().GetAsync(new Uri("/api/openapi/student.json", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/api/student/assessments/{assessmentId}/submissions", text);
        Assert.DoesNotContain("/api/teacher/", text);
    }
}
