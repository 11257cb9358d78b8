using System.Diagnostics;
using System.Globalization;
using System.Net;
using EdTech.Infrastructure.Identity;

namespace EdTech.Cli.Commands.Load;

/// <summary>What setup created: one course, one teacher, N enrolled students and the exam.</summary>
public sealed record ExamFixture(string Tenant, string CourseId, string AssessmentId, string TeacherId, IReadOnlyList<string> StudentIds);

/// <summary>Creates the tenant, users, course, enrollments and the exam through the public API, as a real client would.</summary>
public sealed class ExamSetup(LoadApi api, LocalTokenIssuer issuer, TextWriter log)
{
    public const int Parallelism = 16;
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(2);

    /// <param name="submissions">Submissions the run will make (default: one per student), for the tenant's per-minute quota.</param>
    public async Task<ExamFixture> RunAsync(string tenant, int students, string runId, CancellationToken cancellationToken, int? submissions = null)
    {
        var started = Stopwatch.GetTimestamp();
        var fixture = new ExamFixture(tenant, "load-course", $"exam-{runId}", "t000001",
            Enumerable.Range(1, students).Select(i => StudentId(i)).ToArray());

        var platform = issuer.Mint("platform", "load-platform-admin", ["platform-admin"], TokenLifetime);
        await CreateAsync("/api/platform/tenants", platform, new { id = tenant, name = $"Load test {tenant}", timeZone = "UTC" }, cancellationToken);
        // The whole class submits within the test: give the tenant a submission quota that fits it (the platform default is 6,000/min).
        var (quota, quotaBody) = await api.SendAsync(HttpMethod.Patch, $"/api/platform/tenants/{tenant}", platform,
            LoadApi.Serialize(new { quotas = new { maxSubmissionsPerMinute = Math.Max(6_000, (submissions ?? students) * 2) } }), null, cancellationToken);
        if (quota != System.Net.HttpStatusCode.OK)
        {
            throw new SetupFailedException($"PATCH /api/platform/tenants/{tenant} -> {(int)quota}: {quotaBody}");
        }

        var admin = issuer.Mint(tenant, "load-tenant-admin", ["tenant-admin"], TokenLifetime);
        await CreateAsync("/api/admin/courses", admin, new { id = fixture.CourseId, title = "Load test course" }, cancellationToken);
        var people = fixture.StudentIds.Select(id => (Id: id, Role: "student")).Prepend((Id: fixture.TeacherId, Role: "teacher")).ToArray();
        await ForAllAsync(people, p => CreateAsync("/api/admin/users", admin,
            new { id = p.Id, displayName = $"Load {p.Role} {p.Id}", email = $"{p.Id}@{tenant}.example", roles = new[] { p.Role } }, cancellationToken), cancellationToken);
        log.WriteLine($"setup: {people.Length} users in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1}s");
        await ForAllAsync(people, p => CreateAsync($"/api/admin/courses/{fixture.CourseId}/enrollments", admin,
            new { userId = p.Id, role = p.Role }, cancellationToken), cancellationToken);
        log.WriteLine($"setup: {people.Length} enrollments in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1}s");

        var teacher = issuer.Mint(tenant, fixture.TeacherId, ["teacher"], TokenLifetime);
        await CreateAsync($"/api/teacher/courses/{fixture.CourseId}/assessments", teacher,
            ExamPaper.AssessmentBody(fixture.AssessmentId, DateTimeOffset.UtcNow.AddDays(1)), cancellationToken);
        log.WriteLine($"setup: done in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1}s (tenant {tenant}, assessment {fixture.AssessmentId})");
        return fixture;
    }

    /// <summary>Student ids s000001, s000002, ...: 1-based.</summary>
    public static string StudentId(int oneBased) => "s" + oneBased.ToString("D6", CultureInfo.InvariantCulture);

    public string MintStudent(string tenant, string studentId) => issuer.Mint(tenant, studentId, ["student"], TokenLifetime);

    /// <summary>The course's teacher (reads the submissions list and the gradebook).</summary>
    public string MintTeacher(ExamFixture fixture) => issuer.Mint(fixture.Tenant, fixture.TeacherId, ["teacher"], TokenLifetime);

    private static Task ForAllAsync<T>(IEnumerable<T> items, Func<T, Task> create, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (item, _) => await create(item));

    /// <summary>201 (created) or 200 (already there with the same content) is success; anything else stops setup.</summary>
    private async Task CreateAsync(string path, string token, object body, CancellationToken cancellationToken)
    {
        var (status, text) = await api.PostAsync(path, token, body, cancellationToken);
        if (status is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw new SetupFailedException($"POST {path} -> {(int)status}: {text}");
        }
    }
}

public sealed class SetupFailedException(string message) : Exception(message);
