using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using EdTech.Cli.Commands.Load.Release;
using EdTech.Infrastructure.Identity;

namespace EdTech.Cli.Commands.Load;

public sealed record ExamBenchmarkOptions(Uri Url, string DataDirectory, int Students, int Concurrency, string? Tenant, TimeSpan ReleaseTimeout);

/// <summary>Runs the phases in order: setup, fire, wait for release, health ceiling; then reports.</summary>
public sealed class ExamBenchmark(TextWriter log)
{
    public const int MinimumHealthRequests = 5000;

    public async Task<int> RunAsync(ExamBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var tenant = options.Tenant ?? $"load-{runId}";
        using var api = new LoadApi(options.Url, options.Concurrency);
        var setup = new ExamSetup(api, LocalTokenIssuer.ForDataDirectory(options.DataDirectory), log);

        ExamFixture fixture;
        try
        {
            fixture = await setup.RunAsync(tenant, options.Students, runId, cancellationToken);
        }
        catch (Exception ex) when (ex is SetupFailedException or HttpRequestException)
        {
            log.WriteLine($"setup failed: {ex.Message}");
            return 2;
        }

        var students = Enumerable.Range(0, options.Students).Select(i => StudentRun.Prepare(setup, fixture, i, runId)).ToArray();
        // Open the C pooled connections first, so neither timed phase pays for connection setup.
        await FiringLoop.RunAsync(options.Concurrency, options.Concurrency, (_, ct) => HealthAsync(api, new ErrorSamples("warm-up"), ct), cancellationToken);
        log.WriteLine($"fire: {students.Length} submissions, {options.Concurrency} in flight");
        var fireErrors = new ErrorSamples("submit");
        var fire = await SubmissionFire.RunAsync(api, fixture.AssessmentId, students, options.Concurrency, fireErrors, cancellationToken);
        fireErrors.Print(log);

        log.WriteLine($"release: polling {fire.Succeeded} submissions (timeout {options.ReleaseTimeout.TotalSeconds:F0}s)");
        var pollErrors = new ErrorSamples("poll");
        var release = await ReleasePoller.RunAsync(api, students, options.Concurrency, options.ReleaseTimeout, pollErrors, cancellationToken);
        pollErrors.Print(log);
        var mismatches = students.Where(s => s.ReleasedAt != 0).Count(s => s.ReleasedScore != s.ExpectedScore || s.MaxScore != ExamPaper.MaxScore);
        foreach (var s in students.Where(s => s.ReleasedAt != 0 && s.ReleasedScore != s.ExpectedScore).Take(5))
        {
            log.WriteLine($"  [score] {s.StudentId} {s.SubmissionId}: expected {s.ExpectedScore}, released {s.ReleasedScore?.ToString() ?? "none"} of {s.MaxScore}");
        }

        var healthCount = Math.Max(MinimumHealthRequests, options.Students);
        log.WriteLine($"health: {healthCount} x GET /api/health, {options.Concurrency} in flight");
        var healthErrors = new ErrorSamples("health");
        var health = await FiringLoop.RunAsync(healthCount, options.Concurrency, (_, ct) => HealthAsync(api, healthErrors, ct), cancellationToken);
        healthErrors.Print(log);

        var stats = LatencyStats.Of(Enumerable.Range(0, students.Length).Where(i => students[i].SubmissionId is not null).Select(i => fire.LatenciesMs[i]).ToArray());
        var lastAck = students.Max(s => s.AcknowledgedAt);
        var ackPerSecond = fire.PerSecond(fire.Succeeded);
        var healthPerSecond = health.PerSecond(health.Succeeded);
        var report = new LoadReport(
            tenant, fixture.AssessmentId, options.Students, options.Concurrency, fire.Succeeded, fireErrors.Count,
            fire.Wall.TotalSeconds, ackPerSecond, stats.P50, stats.P90, stats.P99, stats.Max,
            release.Released, release.TimedOut,
            !release.TimedOut && release.Released > 0 && lastAck != 0 ? Stopwatch.GetElapsedTime(lastAck, release.LastReleasedAt).TotalSeconds : null,
            pollErrors.Count, mismatches, healthCount, healthErrors.Count, healthPerSecond,
            healthPerSecond > 0 ? ackPerSecond / healthPerSecond : 0);
        report.Print(log);
        return report.Passed ? 0 : 1;
    }

    private static async Task<bool> HealthAsync(LoadApi api, ErrorSamples errors, CancellationToken cancellationToken)
    {
        try
        {
            var (status, body) = await api.SendAsync(HttpMethod.Get, "/api/health", null, null, null, cancellationToken);
            if (status == HttpStatusCode.OK)
            {
                return true;
            }

            errors.Add($"{(int)status} {body}");
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            errors.Add($"{ex.GetType().Name}: {ex.Message}");
            return false;
        }
    }
}
