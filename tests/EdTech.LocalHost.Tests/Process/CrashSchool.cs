using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EdTech.Application.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Identity;

namespace EdTech.LocalHost.Tests.Process;

/// <summary>One school over HTTP for the command crash test: a course, a teacher, 40 students, quizzes and their planned submissions.</summary>
public sealed class CrashSchool(LocalTokenIssuer issuer)
{
    public const string Tenant = "crash-cmd";
    public const string CourseId = "physics-2";
    public const int Students = 40;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, List<Planned>> _planned = new(StringComparer.Ordinal);

    public string Teacher => issuer.Mint(Tenant, "teacher-1", [Roles.Teacher], TimeSpan.FromHours(1));

    public static HttpClient Client(Uri baseAddress) => new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Student s answers q1 "N" when s is even, else "J"; q2 and q3 always right. Score 10 or 8 under the first key.</summary>
    public static object[] Answers(int student) =>
    [
        new { itemId = "q1", value = student % 2 == 0 ? "N" : "J" },
        new { itemId = "q2", value = 9.81m },
        new { itemId = "q3", value = "isaac" },
    ];

    /// <summary>The score after the key of q1 changed from "N" to "J".</summary>
    public static decimal RegradedScore(Planned planned) => planned.Student % 2 == 1 ? 10m : 8m;

    public IReadOnlyList<Planned> Planned(string assessmentId) => _planned[assessmentId];

    public async Task SetUpAsync(HttpClient http, IEnumerable<(string Id, string ReleaseMode)> quizzes)
    {
        await SendOkAsync(http, HttpMethod.Post, "/api/platform/tenants", Mint(TenantId.PlatformValue, "root", Roles.PlatformAdmin), new { id = Tenant, name = "Crash School", timeZone = "UTC" });
        var admin = Mint(Tenant, "admin-1", Roles.TenantAdmin);
        await SendOkAsync(http, HttpMethod.Post, "/api/admin/courses", admin, new { id = CourseId, title = "Physics" });
        await SendOkAsync(http, HttpMethod.Post, "/api/admin/users", admin, new { id = "teacher-1", displayName = "Teacher", email = "teacher@example.org", roles = new[] { Roles.Teacher } });
        await SendOkAsync(http, HttpMethod.Post, $"/api/admin/courses/{CourseId}/enrollments", admin, new { userId = "teacher-1", role = Roles.Teacher });
        await Parallel.ForEachAsync(Enumerable.Range(0, Students), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (s, _) =>
        {
            await SendOkAsync(http, HttpMethod.Post, "/api/admin/users", admin, new { id = StudentId(s), displayName = StudentId(s), email = $"{StudentId(s)}@example.org", roles = new[] { Roles.Student } });
            await SendOkAsync(http, HttpMethod.Post, $"/api/admin/courses/{CourseId}/enrollments", admin, new { userId = StudentId(s), role = Roles.Student });
        });
        foreach (var (id, mode) in quizzes)
        {
            await SendOkAsync(http, HttpMethod.Post, $"/api/teacher/courses/{CourseId}/assessments", Teacher, QuizBody(id, mode, "N"));
        }
    }

    /// <summary>Submits <paramref name="count"/> attempts (student i mod 40), 16 at a time; returns them once all are acknowledged.</summary>
    public async Task<IReadOnlyList<Planned>> SubmitAsync(HttpClient http, string assessmentId, int count)
    {
        var planned = Enumerable.Range(0, count).Select(i =>
        {
            var student = i % Students;
            var key = $"{assessmentId}-{i:D4}";
            return new Planned(student, SubmissionIds.For(StudentId(student), assessmentId, key), key, student % 2 == 0 ? 10m : 8m);
        }).ToList();
        await Parallel.ForEachAsync(planned, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, _) =>
        {
            var (status, body) = await SendAsync(http, HttpMethod.Post, $"/api/student/assessments/{assessmentId}/submissions", StudentToken(p.Student), new { answers = Answers(p.Student) }, p.Key);
            Assert.True(status == HttpStatusCode.Accepted, $"submit {p.Key}: {(int)status} {body}");
        });
        _planned[assessmentId] = planned;
        return planned;
    }

    /// <summary>GET then PUT with If-Match: q1's key becomes "J" (a scoring change, so a regrade).</summary>
    public async Task<HttpStatusCode> ChangeKeyAsync(HttpClient http, string assessmentId)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/teacher/courses/{CourseId}/assessments/{assessmentId}");
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Teacher);
        using var current = await http.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/teacher/courses/{CourseId}/assessments/{assessmentId}")
        {
            Content = JsonContent.Create(QuizBody(assessmentId, "immediate", "J"), options: Json),
        };
        put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Teacher);
        put.Headers.IfMatch.Add(current.Headers.ETag!);
        using var response = await http.SendAsync(put);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode != HttpStatusCode.OK || body.Contains("\"regrading\":true", StringComparison.Ordinal), body);
        return response.StatusCode;
    }

    /// <summary>Polls the students' views until every one satisfies <paramref name="done"/>; fails naming what is left after <paramref name="patience"/>.</summary>
    public async Task<Dictionary<string, View>> WaitForAsync(HttpClient http, LocalHostProcess host, IReadOnlyList<Planned> planned, Func<Planned, View, bool> done, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var views = new ConcurrentDictionary<string, View>(StringComparer.Ordinal);
            await Parallel.ForEachAsync(planned, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, ct) =>
            {
                var (status, body) = await SendAsync(http, HttpMethod.Get, $"/api/student/submissions/{p.SubmissionId}", StudentToken(p.Student), null);
                Assert.True(status == HttpStatusCode.OK, $"GET {p.SubmissionId}: {(int)status} {body}");
                views[p.SubmissionId] = JsonSerializer.Deserialize<View>(body, Json)!;
            });
            var left = planned.Where(p => !done(p, views[p.SubmissionId])).Select(p => views[p.SubmissionId]).ToList();
            if (left.Count == 0)
            {
                return new Dictionary<string, View>(views, StringComparer.Ordinal);
            }

            Assert.True(clock.Elapsed < patience, $"{left.Count} of {planned.Count} not done after {patience}: " +
                string.Join(", ", left.Take(5).Select(v => $"{v.SubmissionId}={v.Status}/{v.Score}")) + Environment.NewLine + host.RecentOutput(100));
            await Task.Delay(500);
        }
    }

    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient http, HttpMethod method, string path, string token, object? body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task SendOkAsync(HttpClient http, HttpMethod method, string path, string token, object body)
    {
        var (status, text) = await SendAsync(http, method, path, token, body);
        Assert.True((int)status is >= 200 and < 300, $"{method} {path}: {(int)status} {text}");
    }

    private static object QuizBody(string id, string releaseMode, string q1Key) => new
    {
        id,
        title = "Kinematics " + id,
        dueAt = DateTimeOffset.UtcNow.AddDays(1),
        graceSeconds = 0,
        release = new { mode = releaseMode },
        items = new object[]
        {
            new { id = "q1", type = "single-choice", prompt = "Unit of force?", choices = new[] { "N", "J" }, answer = q1Key, points = 2, skills = new[] { "units" } },
            new { id = "q2", type = "numeric", prompt = "g in m/s²?", answer = 9.81, tolerance = 0.01, points = 3, skills = new[] { "constants" } },
            new { id = "q3", type = "short-text", prompt = "Newton's first name?", answer = "Isaac", points = 5, skills = new[] { "history" } },
        },
    };

    private string StudentToken(int s) => Mint(Tenant, StudentId(s), Roles.Student);

    private string Mint(string tenant, string user, string role) => issuer.Mint(tenant, user, [role], TimeSpan.FromHours(1));

    private static string StudentId(int s) => $"student-{s:D2}";
}

/// <summary>One planned submission and its score under the first key.</summary>
public sealed record Planned(int Student, string SubmissionId, string Key, decimal Score);

/// <summary>What a student reads of one submission.</summary>
public sealed record View(string SubmissionId, string Status, decimal? Score);
