using System.Collections.Concurrent;
using System.Text.Json;
using EdTech.Cli.Commands.Load;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EdTech.Cli.Tests.Commands.Load;

/// <summary>
/// Just enough of the public API for the benchmark: creates answer 201, a submission is 202, and it is
/// `grading` on the first poll and `released` on the next, scored by the contract's rules plus <c>scoreSkew</c>.
/// </summary>
public sealed class FakeExamApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, (decimal Score, int Polls)> submissions = new();
    private readonly ConcurrentDictionary<string, (string UserId, DateTimeOffset ReceivedAt)> received = new();

    private FakeExamApi(decimal scoreSkew)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        foreach (var path in new[] { "/api/platform/tenants", "/api/admin/users", "/api/admin/courses", "/api/admin/courses/{courseId}/enrollments", "/api/teacher/courses/{courseId}/assessments" })
        {
            app.MapPost(path, (HttpRequest r) => HasToken(r) ? Results.Created((string?)null, new { }) : Results.Unauthorized());
        }

        app.MapPatch("/api/platform/tenants/{id}", (HttpRequest r) => HasToken(r) ? Results.Ok(new { }) : Results.Unauthorized());
        app.MapPost("/api/student/assessments/{assessmentId}/submissions", async (HttpRequest r) =>
        {
            if (!HasToken(r) || r.Headers["Idempotency-Key"].Count == 0)
            {
                return Results.BadRequest();
            }

            using var body = await JsonDocument.ParseAsync(r.Body);
            var answers = body.RootElement.GetProperty("answers").EnumerateArray().Select(a => new ExamAnswer(a.GetProperty("itemId").GetString()!, ValueOf(a.GetProperty("value")))).ToArray();
            var id = Guid.NewGuid().ToString("N");
            submissions[id] = (ExamPaper.ExpectedScore(answers) + scoreSkew, 0);
            received[id] = (UserOf(r), DateTimeOffset.UtcNow);
            return Results.Json(new { submissionId = id, status = "accepted" }, statusCode: 202);
        });
        app.MapGet("/api/student/submissions/{submissionId}", (string submissionId) =>
        {
            var (score, polls) = submissions.AddOrUpdate(submissionId, _ => throw new KeyNotFoundException(), (_, s) => (s.Score, s.Polls + 1));
            return polls >= 2
                ? Results.Json(new { submissionId, status = "released", late = false, score, maxScore = 15 })
                : Results.Json(new { submissionId, status = "grading", late = false });
        });
        // The teacher's list: released ones carry gradedAt = received + 30 ms (the immediate policy releases in the grade's write).
        app.MapGet("/api/teacher/assessments/{assessmentId}/submissions", (HttpRequest r, string? next, int? limit) =>
        {
            var all = received.OrderBy(p => p.Key, StringComparer.Ordinal).Where(p => next is null || string.CompareOrdinal(p.Key, next) > 0).ToList();
            var page = all.Take(limit ?? 50).ToList();
            var items = page.Select(p =>
            {
                var released = submissions[p.Key].Polls >= 2;
                return new { submissionId = p.Key, userId = p.Value.UserId, status = released ? "released" : "grading", submittedAt = p.Value.ReceivedAt,
                    score = released ? submissions[p.Key].Score : (decimal?)null, maxScore = 15, gradedAt = released ? p.Value.ReceivedAt.AddMilliseconds(30) : (DateTimeOffset?)null };
            }).ToList();
            return HasToken(r) ? Results.Json(new { items, next = all.Count > page.Count ? page[^1].Key : null }) : Results.Unauthorized();
        });
        app.MapGet("/api/health", () => Results.Json(new { status = "ok" }));
        // Tenants named noisy-* are always over their limit, as a throttled neighbour would be.
        app.MapGet("/api/student/assessments/{assessmentId}", (string assessmentId, HttpRequest r) =>
            !HasToken(r) ? Results.Unauthorized()
            : TenantOf(r).StartsWith("noisy-", StringComparison.Ordinal) ? Results.StatusCode(429)
            : Results.Json(new { id = assessmentId, title = "Load test exam" }));
    }

    public Uri Url => new(app.Urls.First());

    public static async Task<FakeExamApi> StartAsync(decimal scoreSkew = 0)
    {
        var api = new FakeExamApi(scoreSkew);
        await api.app.StartAsync();
        return api;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static bool HasToken(HttpRequest request) => request.Headers.Authorization.ToString().StartsWith("Bearer ey", StringComparison.Ordinal);

    private static string TenantOf(HttpRequest request) => Claim(request, "tenant");

    private static string UserOf(HttpRequest request) => Claim(request, "sub");

    private static string Claim(HttpRequest request, string name)
    {
        var payload = request.Headers.Authorization.ToString()["Bearer ".Length..].Split('.')[1].Replace('-', '+').Replace('_', '/');
        using var claims = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')));
        return claims.RootElement.GetProperty(name).GetString()!;
    }

    private static object ValueOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDecimal(),
        JsonValueKind.Array => value.EnumerateArray().Select(e => e.GetString()!).ToArray(),
        _ => value.GetString()!,
    };
}
