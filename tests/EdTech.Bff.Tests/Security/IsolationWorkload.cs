using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Security;

/// <summary>
/// One school's share of the isolation workload, through the public API: the same ids in every school
/// (t1, s1, s2, math101, quiz1) plus one assessment only this school has; a unique marker in every
/// display name and title; two graded, released submissions.
/// </summary>
public sealed class IsolationWorkload
{
    private IsolationWorkload(ApiFactory factory, string tenant)
    {
        Factory = factory;
        Tenant = tenant;
        Marker = "MARK" + Guid.NewGuid().ToString("n")[..12];
    }

    public ApiFactory Factory { get; }

    public string Tenant { get; }

    public string Marker { get; }

    public List<string> SubmissionIds { get; } = [];

    public string Teacher => Factory.Token(Tenant, "t1", "teacher");

    public string Student1 => Factory.Token(Tenant, "s1", "student");

    public string Student2 => Factory.Token(Tenant, "s2", "student");

    public string Admin => Factory.Token(Tenant, "admin1", "tenant-admin");

    public string Author => Factory.Token(Tenant, "author1", "content-author");

    public static async Task<IsolationWorkload> RunAsync(ApiFactory factory, HttpClient client, string tenant)
    {
        var w = new IsolationWorkload(factory, tenant);
        var admin = factory.Token(tenant, "admin1", "tenant-admin");
        await Expect(client.PostAsync("/api/platform/tenants", factory.Token("platform", "root", "platform-admin"), new { id = tenant, name = "School", timeZone = "UTC" }));
        foreach (var (id, role) in new[] { ("t1", "teacher"), ("s1", "student"), ("s2", "student") })
        {
            await Expect(client.PostAsync("/api/admin/users", admin, new { id, displayName = $"{id} {w.Marker}", email = $"{id}@school.example", roles = new[] { role } }));
        }

        await Expect(client.PostAsync("/api/admin/courses", admin, new { id = "math101", title = $"Maths {w.Marker}" }));
        foreach (var (id, role) in new[] { ("t1", "teacher"), ("s1", "student"), ("s2", "student") })
        {
            await Expect(client.PostAsync("/api/admin/courses/math101/enrollments", admin, new { userId = id, role }));
        }

        foreach (var quiz in new[] { "quiz1", "only-" + tenant })
        {
            var body = JsonSerializer.SerializeToNode(School.QuizBody(quiz))!;
            body["title"] = $"Quiz {w.Marker}";
            await Expect(client.PostAsync("/api/teacher/courses/math101/assessments", w.Teacher, body));
        }

        foreach (var rubric in new[] { "essay-r", "only-" + tenant + "-r" })
        {
            await Expect(client.PostAsync("/api/teacher/courses/math101/rubrics", w.Teacher, Rubrics.RubricWorld.RubricBody(rubric, title: $"Rubric {w.Marker}")));
        }

        var school = new SchoolView(client);
        foreach (var token in new[] { w.Student1, w.Student2 })
        {
            var (status, accepted, _) = await client.PostAsync("/api/student/assessments/quiz1/submissions", token, School.PerfectAnswers);
            Assert.Equal(HttpStatusCode.Accepted, status);
            var id = accepted.GetProperty("submissionId").GetString()!;
            w.SubmissionIds.Add(id);
            await school.WaitForReleasedAsync(token, id);
        }

        // Timing (docs/timing.md): an accommodation and a running attempt with a draft, on the shared quiz1 and on this school's own quiz.
        await Expect(client.SendAsync(HttpMethod.Put, "/api/teacher/courses/math101/accommodations/s1", w.Teacher,
            new { timeMultiplier = 1.5, extensions = new[] { new { assessmentId = "only-" + tenant, dueAt = DateTimeOffset.UtcNow.AddDays(9) } }, reason = $"IEP {w.Marker}" }), HttpStatusCode.OK);
        foreach (var quiz in new[] { "quiz1", "only-" + tenant })
        {
            var (started, attempt, _) = await client.PostAsync($"/api/student/assessments/{quiz}/attempts", w.Student1, new { });
            Assert.True(started == HttpStatusCode.Created, $"Workload attempt failed: {started} {attempt}");
            await Expect(client.SendAsync(HttpMethod.Put, $"/api/student/assessments/{quiz}/attempts/{attempt.GetProperty("attemptId").GetString()}/draft", w.Student1,
                new { sequence = 1, answers = new[] { new { itemId = "q1", value = "4" } } }), HttpStatusCode.OK);
        }

        return w;
    }

    private static async Task Expect(Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> call, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var (status, body, _) = await call;
        Assert.True(status == expected, $"Workload call failed: {status} {body}");
    }

    private sealed class SchoolView(HttpClient client)
    {
        public async Task WaitForReleasedAsync(string token, string submissionId)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                var (_, body, _) = await client.GetAsync($"/api/student/submissions/{submissionId}", token);
                if (body.ValueKind == JsonValueKind.Object && body.GetProperty("status").GetString() == "released")
                {
                    return;
                }

                await Task.Delay(50);
            }

            throw new TimeoutException($"Submission {submissionId} was not released.");
        }
    }
}
