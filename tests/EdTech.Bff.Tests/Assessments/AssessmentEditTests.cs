using System.Net;
using System.Text.Json;
using EdTech.Application.Audit;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Assessments;

/// <summary>PUT /api/teacher/courses/{courseId}/assessments/{assessmentId} through the real pipeline: versions, ETags, item locks, regrade.</summary>
public sealed class AssessmentEditTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>q1 answered "3" (wrong under the original key "4"), everything else right: 4 of 5.</summary>
    internal static readonly object OneWrong = new
    {
        answers = new object[]
        {
            new { itemId = "q1", value = "3" }, new { itemId = "q2", value = new[] { "3", "2" } },
            new { itemId = "q3", value = 3.141 }, new { itemId = "q4", value = " paris " },
        },
    };

    [Fact]
    public async Task Edit_WithoutSubmissions_ReplacesTheCurrentVersionInPlace()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (etag, before) = await GetAsync(school, school.Quiz);
        Assert.Equal(1, before.GetProperty("version").GetInt32());

        var (status, body, response) = await PutAsync(school, school.Quiz, Edited(school.Quiz, q1Key: "5", title: "Renamed"), etag);

        Assert.True(status == HttpStatusCode.OK, $"{status} {body}");
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.False(body.GetProperty("regrading").GetBoolean());
        var newETag = response.Headers.ETag!.ToString();
        Assert.NotEqual(etag, newETag);
        var (readETag, read) = await GetAsync(school, school.Quiz);
        Assert.Equal(newETag, readETag);
        Assert.Equal("Renamed", read.GetProperty("title").GetString());
        Assert.Equal("5", read.GetProperty("items")[0].GetProperty("answer").GetString());
        Assert.Null(await Store.GetAsync<AssessmentVersionRecord>(new TenantId(school.Tenant), AssessmentVersionRecord.IdOf(school.Quiz, 1)));
    }

    [Fact]
    public async Task Edit_ChangingTheKeyAfterSubmissions_MakesVersion2_KeepsVersion1_AndRegradesReleasedWork()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var submissionId = await school.SubmitAsync(school.Student1, OneWrong);
        Assert.Equal(4m, (await school.WaitForStatusAsync(school.Student1, submissionId)).GetProperty("score").GetDecimal());
        var (etag, _) = await GetAsync(school, school.Quiz);

        var (status, body, _) = await PutAsync(school, school.Quiz, Edited(school.Quiz, q1Key: "3"), etag);

        Assert.True(status == HttpStatusCode.OK, $"{status} {body}");
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        Assert.True(body.GetProperty("regrading").GetBoolean());
        var tenant = new TenantId(school.Tenant);
        var v1 = (await Store.GetAsync<AssessmentVersionRecord>(tenant, AssessmentVersionRecord.IdOf(school.Quiz, 1)))!.Value;
        Assert.Equal("4", v1.Assessment.Items[0].Answer!.Text);
        var view = await WaitForScoreAsync(school, submissionId, 5m);
        Assert.Equal("released", view.GetProperty("status").GetString());
        var stored = (await Store.GetAsync<SubmissionRecord>(tenant, submissionId))!.Value;
        Assert.Equal((1, 2), (stored.AssessmentVersion, stored.GradedVersion));
        var entry = Assert.Single(await factory.Services.GetRequiredService<IAuditLog>().AboutAsync(tenant, "s1", CancellationToken.None),
            e => e.Id == GradeAudit.RegradeId(submissionId, 2));
        Assert.Equal(("4", "5", "answer key changed to version 2"), (entry.Old, entry.New, entry.Reason));
    }

    [Fact]
    public async Task Regrade_KeepsATeachersOverride_MadeThroughTheGradingEndpoint()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var submissionId = await school.SubmitAsync(school.Student1, OneWrong);
        await school.WaitForStatusAsync(school.Student1, submissionId);
        var (_, _, read) = await school.Client.GetAsync($"/api/teacher/submissions/{submissionId}", school.Teacher);
        var grade = ApiClient.Request(HttpMethod.Post, $"/api/teacher/submissions/{submissionId}/grades", school.Teacher,
            new { itemScores = new[] { new { itemId = "q1", score = 1m } }, reason = "Accepting 3 this time" });
        grade.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await school.Client.SendAsync(grade)).StatusCode);
        await WaitForScoreAsync(school, submissionId, 5m);
        var (etag, _) = await GetAsync(school, school.Quiz);

        // q2's key becomes {"2"} alone: the student's {"3","2"} loses its 2 points; q1 keeps the teacher's 1 although the key still says "4".
        var (status, body, _) = await PutAsync(school, school.Quiz, Edited(school.Quiz, q1Key: "4", q2Key: ["2"]), etag);

        Assert.True(status == HttpStatusCode.OK, $"{status} {body}");
        Assert.True(body.GetProperty("regrading").GetBoolean(), body.ToString());
        await WaitForScoreAsync(school, submissionId, 3m);
        var stored = (await Store.GetAsync<SubmissionRecord>(new TenantId(school.Tenant), submissionId))!.Value;
        Assert.Equal((1m, true), (stored.ItemScores![0].Score!.Value, stored.ItemScores[0].Overridden!.Value));
        Assert.Equal(0m, stored.ItemScores[1].Score);
    }

    [Fact]
    public async Task Edit_WithoutIfMatch_Is428_WithAStaleETag_Is412_AndChangesNothing()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (etag, _) = await GetAsync(school, school.Quiz);

        var (missing, missingBody, _) = await PutAsync(school, school.Quiz, Edited(school.Quiz, q1Key: "5"), ifMatch: null);
        var (stale, staleBody, _) = await PutAsync(school, school.Quiz, Edited(school.Quiz, q1Key: "5"), "\"stale\"");

        Assert.True(missing == HttpStatusCode.PreconditionRequired, $"{missing} {missingBody}");
        Assert.True(stale == HttpStatusCode.PreconditionFailed, $"{stale} {staleBody}");
        Assert.Equal(etag, (await GetAsync(school, school.Quiz)).ETag);
    }

    [Fact]
    public async Task Edit_RemovingOrRetypingAnItemAfterSubmissions_Is409ItemsLocked()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var submissionId = await school.SubmitAsync(school.Student1);
        await school.WaitForStatusAsync(school.Student1, submissionId);
        var (etag, _) = await GetAsync(school, school.Quiz);
        var withoutQ4 = Edited(school.Quiz, q1Key: "4", dropQ4: true);
        var q4AsEssay = Edited(school.Quiz, q1Key: "4", q4Essay: true);

        foreach (var body in new[] { withoutQ4, q4AsEssay })
        {
            var (status, problem, _) = await PutAsync(school, school.Quiz, body, etag);
            Assert.True(status == HttpStatusCode.Conflict, $"{status} {problem}");
            Assert.Equal("https://edtech-serverless.dev/problems/assessment-items-locked", problem.GetProperty("type").GetString());
            Assert.Contains("q4", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(etag, (await GetAsync(school, school.Quiz)).ETag);
    }

    [Fact]
    public async Task Edit_WithBadInput_Is422NamingEachField()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (etag, _) = await GetAsync(school, school.Quiz);
        var body = new
        {
            id = "another-id", title = "", dueAt = DateTimeOffset.UtcNow.AddDays(1), release = new { mode = "immediate" },
            items = new object[] { new { id = "q1", type = "single-choice", prompt = "2+2?", choices = new[] { "3", "4" }, answer = "7", points = 0, skills = Array.Empty<string>() } },
        };

        var (status, problem, _) = await PutAsync(school, school.Quiz, body, etag);

        Assert.True(status == HttpStatusCode.UnprocessableEntity, $"{status} {problem}");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["id", "items[0].answer", "items[0].points", "title"], fields);
        Assert.Equal(etag, (await GetAsync(school, school.Quiz)).ETag);
    }

    [Fact]
    public async Task Edit_OrRead_FromAnotherTenantOrCourse_Is404()
    {
        var home = await School.CreateAsync(factory, factory.CreateClient());
        var other = await School.CreateAsync(factory, factory.CreateClient());
        Assert.Equal(HttpStatusCode.Created, (await home.Client.PostAsync($"/api/teacher/courses/{home.Course}/assessments", home.Teacher, School.QuizBody("only-home"))).Status);
        var (etag, _) = await GetAsync(home, "only-home");
        var path = $"/api/teacher/courses/{other.Course}/assessments/only-home";

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(path, other.Teacher)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.SendAsync(Put(path, other.Teacher, Edited("only-home", q1Key: "5"), etag))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await home.Client.GetAsync($"/api/teacher/courses/other-course/assessments/only-home", home.Teacher)).Status);
        Assert.Equal(etag, (await GetAsync(home, "only-home")).ETag);
    }

    private IDocumentStore Store => factory.Services.GetRequiredService<IDocumentStore>();

    internal static object Edited(string id, string q1Key, string title = "Quiz", bool dropQ4 = false, bool q4Essay = false, string[]? q2Key = null)
    {
        var items = new List<object>
        {
            new { id = "q1", type = "single-choice", prompt = "2+2?", choices = new[] { "3", "4", "5" }, answer = q1Key, points = 1, skills = new[] { "arithmetic" } },
            new { id = "q2", type = "multi-choice", prompt = "Primes?", choices = new[] { "2", "3", "4" }, answer = q2Key ?? ["2", "3"], points = 2, skills = new[] { "primes" } },
            new { id = "q3", type = "numeric", prompt = "pi?", answer = 3.14, tolerance = 0.01, points = 1, skills = new[] { "geometry" } },
        };
        if (!dropQ4)
        {
            items.Add(q4Essay
                ? new { id = "q4", type = "essay", prompt = "Capital of France?", points = 1, skills = new[] { "geography" } }
                : new { id = "q4", type = "short-text", prompt = "Capital of France?", answer = "Paris", points = 1, skills = new[] { "geography" } });
        }

        return new { id, title, dueAt = DateTimeOffset.UtcNow.AddDays(1), graceSeconds = 300, release = new { mode = "immediate" }, items };
    }

    internal static async Task<(string ETag, JsonElement Body)> GetAsync(School school, string assessmentId)
    {
        var (status, body, response) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/assessments/{assessmentId}", school.Teacher);
        Assert.True(status == HttpStatusCode.OK, $"{status} {body}");
        return (response.Headers.ETag!.ToString(), body);
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PutAsync(School school, string assessmentId, object body, string? ifMatch)
    {
        var response = await school.Client.SendAsync(Put($"/api/teacher/courses/{school.Course}/assessments/{assessmentId}", school.Teacher, body, ifMatch));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    private static HttpRequestMessage Put(string path, string token, object body, string? ifMatch)
    {
        var request = ApiClient.Request(HttpMethod.Put, path, token, body);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    internal static async Task<JsonElement> WaitForScoreAsync(School school, string submissionId, decimal score)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            (_, last, _) = await school.Client.GetAsync($"/api/student/submissions/{submissionId}", school.Student1);
            if (last.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number && s.GetDecimal() == score)
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Submission {submissionId} never showed score {score}; last: {last}");
    }
}
