using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdTech.Application.Audit;
using EdTech.Application.Timing;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Timing;

/// <summary>Accommodations and timed attempts over HTTP (docs/timing.md): shapes, ETags, 403/404/409/412/422, audit, OpenAPI.</summary>
public sealed class TimingRouteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string S1Accommodation = "/api/teacher/courses/math101/accommodations/s1";

    private static JsonNode TimedQuiz(string id, int limitSeconds = 600, string overTime = "accept-marked", DateTimeOffset? dueAt = null)
    {
        var body = JsonSerializer.SerializeToNode(School.QuizBody(id, dueAt: dueAt))!;
        body["timeLimitSeconds"] = limitSeconds;
        body["overTime"] = overTime;
        return body;
    }

    private static async Task<School> SchoolWithTimedQuizAsync(ApiFactory factory, string id = "timed1", int limitSeconds = 600, string overTime = "accept-marked")
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (status, body, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, TimedQuiz(id, limitSeconds, overTime));
        Assert.True(status == HttpStatusCode.Created, $"{status} {body}");
        Assert.Equal(limitSeconds, body.GetProperty("timeLimitSeconds").GetInt32());
        Assert.Equal(overTime, body.GetProperty("overTime").GetString());
        return school;
    }

    [Fact]
    public async Task Accommodation_PutGetDelete_WithETags_AndAudited()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var dueAt = DateTimeOffset.UtcNow.AddDays(9);

        var (put, body, response) = await school.Client.SendAsync(HttpMethod.Put, S1Accommodation, school.Teacher,
            new { timeMultiplier = 1.5, extensions = new[] { new { assessmentId = school.Quiz, dueAt } }, reason = "IEP 504" });
        Assert.True(put == HttpStatusCode.OK, $"{put} {body}");
        Assert.Equal(1.5m, body.GetProperty("timeMultiplier").GetDecimal());
        Assert.Equal(school.Quiz, body.GetProperty("extensions")[0].GetProperty("assessmentId").GetString());
        var etag = response.Headers.ETag!.ToString();

        var (get, read, readResponse) = await school.Client.GetAsync(S1Accommodation, school.Teacher);
        Assert.Equal(HttpStatusCode.OK, get);
        Assert.Equal(etag, readResponse.Headers.ETag!.ToString());
        Assert.Equal(1.5m, read.GetProperty("timeMultiplier").GetDecimal());

        var (deleted, _, _) = await school.Client.SendAsync(HttpMethod.Delete, S1Accommodation, school.Teacher);
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.Equal(1m, (await school.Client.GetAsync(S1Accommodation, school.Teacher)).Body.GetProperty("timeMultiplier").GetDecimal());

        var audit = factory.Services.GetRequiredService<IAuditLog>();
        var entries = (await audit.AboutAsync(new TenantId(school.Tenant), "s1", CancellationToken.None)).Where(e => e.Action == AccommodationsHandler.AuditAction).ToList();
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e.Reason == "IEP 504" && e.ActorUserId == "t1");
    }

    [Fact]
    public async Task Accommodation_StaleIfMatch_Is412()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (_, _, first) = await school.Client.GetAsync(S1Accommodation, school.Teacher);
        await school.Client.SendAsync(HttpMethod.Put, S1Accommodation, school.Teacher, new { timeMultiplier = 2 });

        using var request = ApiClient.Request(HttpMethod.Put, S1Accommodation, school.Teacher, new { timeMultiplier = 3 });
        request.Headers.TryAddWithoutValidation("If-Match", first.Headers.ETag!.ToString());
        using var stale = await school.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(2m, (await school.Client.GetAsync(S1Accommodation, school.Teacher)).Body.GetProperty("timeMultiplier").GetDecimal());
    }

    [Fact]
    public async Task Accommodation_BadBody_Is422NamingTheField_StudentIs403_UnknownStudentIs404_AdminRouteWorks()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (invalid, problem, response) = await school.Client.SendAsync(HttpMethod.Put, S1Accommodation, school.Teacher,
            new { timeMultiplier = 9, extensions = new[] { new { assessmentId = "nope", dueAt = DateTimeOffset.UtcNow } } });
        Assert.Equal((HttpStatusCode)422, invalid);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty("timeMultiplier", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("extensions[0].assessmentId", out _));

        Assert.Equal(HttpStatusCode.Forbidden, (await school.Client.GetAsync(S1Accommodation, school.Student1)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/teacher/courses/math101/accommodations/nobody", school.Teacher)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/teacher/courses/other/accommodations/s1", school.Teacher)).Status);
        var (admin, set, _) = await school.Client.SendAsync(HttpMethod.Put, "/api/admin/courses/math101/accommodations/s1", school.Admin, new { timeMultiplier = 1.25 });
        Assert.True(admin == HttpStatusCode.OK, $"{admin} {set}");
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/admin/courses/nope/accommodations/s1", school.Admin)).Status);
    }

    [Fact]
    public async Task Extension_LateSubmitBecomesOnTime_AndTheStudentSeesTheirOwnDeadline()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (created, _, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher,
            School.QuizBody("past1", dueAt: DateTimeOffset.UtcNow.AddDays(-1)));
        Assert.Equal(HttpStatusCode.Created, created);
        var extended = DateTimeOffset.UtcNow.AddDays(2);
        await school.Client.SendAsync(HttpMethod.Put, S1Accommodation, school.Teacher, new { extensions = new[] { new { assessmentId = "past1", dueAt = extended } } });

        var mine = (await school.Client.GetAsync("/api/student/assessments/past1", school.Student1)).Body;
        var theirs = (await school.Client.GetAsync("/api/student/assessments/past1", school.Student2)).Body;
        var s1 = await school.WaitForStatusAsync(school.Student1, await school.SubmitAsync(school.Student1, assessmentId: "past1"));
        var s2 = await school.WaitForStatusAsync(school.Student2, await school.SubmitAsync(school.Student2, assessmentId: "past1"));

        Assert.True(mine.GetProperty("deadline").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.True(theirs.GetProperty("deadline").GetDateTimeOffset() < DateTimeOffset.UtcNow);
        Assert.False(s1.GetProperty("late").GetBoolean());
        Assert.True(s2.GetProperty("late").GetBoolean());
    }

    [Fact]
    public async Task Attempt_StartIdempotent_DraftsBySequence_SubmitEndsIt()
    {
        var school = await SchoolWithTimedQuizAsync(factory);
        await school.Client.SendAsync(HttpMethod.Put, S1Accommodation, school.Teacher, new { timeMultiplier = 2 });

        var (created, attempt, _) = await school.Client.PostAsync("/api/student/assessments/timed1/attempts", school.Student1, new { });
        var (again, same, _) = await school.Client.PostAsync("/api/student/assessments/timed1/attempts", school.Student1, new { });
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(HttpStatusCode.OK, again);
        var id = attempt.GetProperty("attemptId").GetString()!;
        Assert.Equal(id, same.GetProperty("attemptId").GetString());
        Assert.Equal(1200, attempt.GetProperty("timeLimitSeconds").GetInt32());
        var draft = $"/api/student/assessments/timed1/attempts/{id}/draft";

        var (saved, _, _) = await school.Client.SendAsync(HttpMethod.Put, draft, school.Student1, new { sequence = 2, answers = new[] { new { itemId = "q1", value = "4" } } });
        var (older, problem, _) = await school.Client.SendAsync(HttpMethod.Put, draft, school.Student1, new { sequence = 1, answers = Array.Empty<object>() });
        var (badItem, invalid, _) = await school.Client.SendAsync(HttpMethod.Put, draft, school.Student1, new { sequence = 3, answers = new[] { new { itemId = "zz", value = "4" } } });
        Assert.Equal(HttpStatusCode.OK, saved);
        Assert.Equal(HttpStatusCode.Conflict, older);
        Assert.Contains("sequence 2", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode)422, badItem);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("answers[0].itemId", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.SendAsync(HttpMethod.Put, draft, school.Student2, new { sequence = 9, answers = Array.Empty<object>() })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.Client.SendAsync(HttpMethod.Put, draft, school.Teacher, new { sequence = 9, answers = Array.Empty<object>() })).Status);

        var read = (await school.Client.GetAsync($"/api/student/assessments/timed1/attempts/{id}", school.Student1)).Body;
        Assert.Equal(2, read.GetProperty("draftSequence").GetInt64());
        Assert.Equal("q1", read.GetProperty("draftAnswers")[0].GetProperty("itemId").GetString());

        var (noAttempt, missing, _) = await school.Client.PostAsync("/api/student/assessments/timed1/submissions", school.Student1, School.PerfectAnswers);
        Assert.Equal((HttpStatusCode)422, noAttempt);
        Assert.True(missing.GetProperty("errors").TryGetProperty("attemptId", out _));
        var body = JsonSerializer.SerializeToNode(School.PerfectAnswers)!;
        body["attemptId"] = id;
        var (accepted, submission, _) = await school.Client.PostAsync("/api/student/assessments/timed1/submissions", school.Student1, body);
        Assert.Equal(HttpStatusCode.Accepted, accepted);
        Assert.Equal(HttpStatusCode.Conflict, (await school.Client.PostAsync("/api/student/assessments/timed1/submissions", school.Student1, body)).Status);
        var teacherView = (await school.Client.GetAsync($"/api/teacher/submissions/{submission.GetProperty("submissionId").GetString()}", school.Teacher)).Body;
        Assert.Equal(id, teacherView.GetProperty("attemptId").GetString());
        Assert.False(teacherView.GetProperty("overTime").GetBoolean());
        var ended = (await school.Client.GetAsync($"/api/student/assessments/timed1/attempts/{id}", school.Student1)).Body;
        Assert.Equal("submitted", ended.GetProperty("status").GetString());
        Assert.Equal(submission.GetProperty("submissionId").GetString(), ended.GetProperty("submissionId").GetString());
    }

    [Fact]
    public async Task Attempt_NotEnrolledOrUnknown_Is404_TeacherIs403()
    {
        var school = await SchoolWithTimedQuizAsync(factory);
        await school.Client.PostAsync("/api/admin/users", school.Admin, new { id = "s9", displayName = "S9", email = "s9@school.example", roles = new[] { "student" } });
        var outsider = factory.Token(school.Tenant, "s9", "student");

        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.PostAsync("/api/student/assessments/timed1/attempts", outsider, new { })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.PostAsync("/api/student/assessments/nope/attempts", school.Student1, new { })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Client.GetAsync("/api/student/assessments/timed1/attempts/t-unknown-1", school.Student1)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.Client.PostAsync("/api/student/assessments/timed1/attempts", school.Teacher, new { })).Status);
    }

    [Theory]
    [InlineData(59, null, "timeLimitSeconds")]
    [InlineData(600, "whenever", "overTime")]
    [InlineData(null, "auto-submit", "overTime")]
    public async Task CreateAssessment_BadTimingOptions_Is422NamingTheField(int? limit, string? overTime, string field)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var body = JsonSerializer.SerializeToNode(School.QuizBody("bad-timing"))!;
        body["timeLimitSeconds"] = limit;
        body["overTime"] = overTime;

        var (status, problem, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, body);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task OpenApiDocuments_ListTheTimingRoutesWithNamedSchemas()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var documents = new Dictionary<string, string[]>
        {
            ["student"] = ["/api/student/assessments/{assessmentId}/attempts", "/api/student/assessments/{assessmentId}/attempts/{attemptId}", "/api/student/assessments/{assessmentId}/attempts/{attemptId}/draft"],
            ["teacher"] = ["/api/teacher/courses/{courseId}/accommodations/{userId}"],
            ["admin"] = ["/api/admin/courses/{courseId}/accommodations/{userId}"],
        };
        foreach (var (role, paths) in documents)
        {
            var (_, document, _) = await school.Client.GetAsync($"/api/openapi/{role}.json", null);
            foreach (var path in paths)
            {
                Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"{role}: {path}");
                Assert.Contains("\"$ref\"", item.ToString(), StringComparison.Ordinal);
            }
        }

        var (_, student, _) = await school.Client.GetAsync("/api/openapi/student.json", null);
        Assert.True(student.GetProperty("components").GetProperty("schemas").TryGetProperty(nameof(AttemptView), out _));
    }
}
