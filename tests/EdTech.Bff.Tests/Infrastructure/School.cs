using System.Net;
using System.Text.Json;

namespace EdTech.Bff.Tests.Infrastructure;

/// <summary>A tenant set up through the public API: admin, one teacher, two students, a course and a quiz.</summary>
public sealed class School
{
    private School(ApiFactory factory, HttpClient client, string tenant)
    {
        Factory = factory;
        Client = client;
        Tenant = tenant;
    }

    public ApiFactory Factory { get; }

    public HttpClient Client { get; }

    public string Tenant { get; }

    public string Course => "math101";

    public string Quiz => "quiz1";

    public string Admin => Factory.Token(Tenant, "admin1", "tenant-admin");

    public string Teacher => Factory.Token(Tenant, "t1", "teacher");

    public string Student1 => Factory.Token(Tenant, "s1", "student");

    public string Student2 => Factory.Token(Tenant, "s2", "student");

    public static object QuizBody(string id = "quiz1", string releaseMode = "immediate", DateTimeOffset? dueAt = null, object? latePolicy = null, int? maxAttempts = null, bool withEssay = false, string? category = null)
    {
        var items = new List<object>
        {
            new { id = "q1", type = "single-choice", prompt = "2+2?", choices = new[] { "3", "4", "5" }, answer = "4", points = 1, skills = new[] { "arithmetic" } },
            new { id = "q2", type = "multi-choice", prompt = "Primes?", choices = new[] { "2", "3", "4" }, answer = new[] { "2", "3" }, points = 2, skills = new[] { "primes" } },
            new { id = "q3", type = "numeric", prompt = "pi?", answer = 3.14, tolerance = 0.01, points = 1, skills = new[] { "geometry" } },
            new { id = "q4", type = "short-text", prompt = "Capital of France?", answer = "Paris", points = 1, skills = new[] { "geography" } },
        };
        if (withEssay)
        {
            items.Add(new { id = "e1", type = "essay", prompt = "Why?", points = 5, skills = new[] { "writing" } });
        }

        return new
        {
            id, title = "Quiz", dueAt = dueAt ?? DateTimeOffset.UtcNow.AddDays(1), graceSeconds = 300,
            release = new { mode = releaseMode }, latePolicy, maxAttempts, items, category,
        };
    }

    public static readonly object PerfectAnswers = new
    {
        answers = new object[]
        {
            new { itemId = "q1", value = "4" }, new { itemId = "q2", value = new[] { "3", "2" } },
            new { itemId = "q3", value = 3.141 }, new { itemId = "q4", value = " paris " },
        },
    };

    public static async Task<School> CreateAsync(ApiFactory factory, HttpClient client, string? tenant = null)
    {
        var school = new School(factory, client, tenant ?? "school-" + Guid.NewGuid().ToString("n")[..8]);
        var platform = factory.Token("platform", "root", "platform-admin");
        await Expect(client.PostAsync("/api/platform/tenants", platform, new { id = school.Tenant, name = "School", timeZone = "Europe/London" }), HttpStatusCode.Created);
        foreach (var (id, role) in new[] { ("t1", "teacher"), ("s1", "student"), ("s2", "student") })
        {
            await Expect(client.PostAsync("/api/admin/users", school.Admin, new { id, displayName = id, email = $"{id}@school.example", roles = new[] { role } }), HttpStatusCode.Created);
        }

        await Expect(client.PostAsync("/api/admin/courses", school.Admin, new { id = school.Course, title = "Maths" }), HttpStatusCode.Created);
        foreach (var (id, role) in new[] { ("t1", "teacher"), ("s1", "student"), ("s2", "student") })
        {
            await Expect(client.PostAsync($"/api/admin/courses/{school.Course}/enrollments", school.Admin, new { userId = id, role }), HttpStatusCode.Created);
        }

        await Expect(client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, QuizBody()), HttpStatusCode.Created);
        return school;
    }

    /// <summary>Creates a student, enrols them in the course (optionally in a section) and returns their token.</summary>
    public async Task<string> AddStudentAsync(string id, string? section = null)
    {
        await Expect(Client.PostAsync("/api/admin/users", Admin, new { id, displayName = id, email = $"{id}@school.example", roles = new[] { "student" } }), HttpStatusCode.Created);
        await Expect(Client.PostAsync($"/api/admin/courses/{Course}/enrollments", Admin, new { userId = id, role = "student", section }), HttpStatusCode.Created);
        return Factory.Token(Tenant, id, "student");
    }

    public async Task<string> SubmitAsync(string token, object? answers = null, string assessmentId = "quiz1")
    {
        var (status, body, _) = await Client.PostAsync($"/api/student/assessments/{assessmentId}/submissions", token, answers ?? PerfectAnswers);
        Assert.Equal(HttpStatusCode.Accepted, status);
        return body.GetProperty("submissionId").GetString()!;
    }

    /// <summary>Polls the student's view until it reaches <paramref name="status"/>.</summary>
    public async Task<JsonElement> WaitForStatusAsync(string token, string submissionId, string status = "released")
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var (code, body, _) = await Client.GetAsync($"/api/student/submissions/{submissionId}", token);
            Assert.Equal(HttpStatusCode.OK, code);
            last = body;
            if (body.GetProperty("status").GetString() == status)
            {
                return body;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Submission {submissionId} did not reach {status}; last: {last}");
    }

    /// <summary>Polls a GET (200 expected) until <paramref name="until"/> holds: projections follow the change feed.</summary>
    public async Task<JsonElement> PollAsync(string path, string token, Func<JsonElement, bool> until, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var (code, body, _) = await Client.GetAsync(path, token);
            Assert.True(code == HttpStatusCode.OK, $"GET {path}: {code} {body}");
            last = body;
            if (until(body))
            {
                return body;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"GET {path} did not reach the expected state; last: {last}");
    }

    private static async Task Expect(Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> call, HttpStatusCode expected)
    {
        var (status, body, _) = await call;
        Assert.True(status == expected, $"Expected {expected}, got {status}: {body}");
    }
}
