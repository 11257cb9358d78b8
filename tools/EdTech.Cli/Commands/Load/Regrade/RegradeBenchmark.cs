using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using EdTech.Cli.Commands.Load.Release;
using EdTech.Infrastructure.Identity;

namespace EdTech.Cli.Commands.Load.Regrade;

public sealed record RegradeBenchmarkOptions(Uri Url, string DataDirectory, int Submissions, int Students, int Concurrency, int PollConcurrency, string? Tenant, TimeSpan Timeout);

/// <summary>
/// Seeds N graded (released) submissions through the public API, then flips the 8-point item's answer key
/// with one PUT and times until every submission's student view shows its new score (the regrade plus the
/// projection, as a student would see it). Prints progress to stderr-like lines, then the report as JSON.
/// </summary>
public sealed class RegradeBenchmark(TextWriter log)
{
    public const double TargetSeconds = 30;
    private const string NewQ4Key = "London";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(2);

    public async Task<int> RunAsync(RegradeBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var tenant = options.Tenant ?? $"load-{runId}";
        using var api = new LoadApi(options.Url, options.Concurrency);
        var issuer = LocalTokenIssuer.ForDataDirectory(options.DataDirectory);
        var setup = new ExamSetup(api, issuer, log);
        ExamFixture fixture;
        try
        {
            fixture = await setup.RunAsync(tenant, options.Students, runId, cancellationToken, options.Submissions);
        }
        catch (Exception ex) when (ex is SetupFailedException or HttpRequestException)
        {
            log.WriteLine($"setup failed: {ex.Message}");
            return 2;
        }

        var tokens = fixture.StudentIds.ToDictionary(id => id, id => setup.MintStudent(tenant, id));
        var runs = Enumerable.Range(0, options.Submissions).Select(i => Prepare(fixture, tokens, i, runId)).ToArray();
        var seedStarted = Stopwatch.GetTimestamp();
        log.WriteLine($"seed: {runs.Length} submissions from {options.Students} students, {options.Concurrency} in flight");
        var seedErrors = new ErrorSamples("submit");
        var fire = await SubmissionFire.RunAsync(api, fixture.AssessmentId, runs, options.Concurrency, seedErrors, cancellationToken);
        seedErrors.Print(log);
        var pollErrors = new ErrorSamples("poll");
        var graded = await ReleasePoller.RunAsync(api, runs, options.Concurrency, options.Timeout, pollErrors, cancellationToken);
        var seedSeconds = Stopwatch.GetElapsedTime(seedStarted).TotalSeconds;
        var mismatches = runs.Count(r => r.ReleasedAt != 0 && r.ReleasedScore != r.ExpectedScore);
        log.WriteLine($"seed: {graded.Released} graded and released in {seedSeconds:F1}s");

        var teacher = issuer.Mint(tenant, fixture.TeacherId, ["teacher"], TokenLifetime);
        var path = $"/api/teacher/courses/{fixture.CourseId}/assessments/{fixture.AssessmentId}";
        var etag = await ETagAsync(api, path, teacher, cancellationToken);
        // Let the host settle (the pump finishes projecting the seed) so the timed phase measures the regrade alone.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        log.WriteLine($"edit: q4 key -> {NewQ4Key}; polling {fire.Succeeded} submissions (timeout {options.Timeout.TotalSeconds:F0}s)");
        var editStarted = Stopwatch.GetTimestamp();
        var (status, body) = await api.SendAsync(HttpMethod.Put, path, teacher,
            LoadApi.Serialize(ExamPaper.AssessmentBody(fixture.AssessmentId, DateTimeOffset.UtcNow.AddDays(1), NewQ4Key)), null, cancellationToken, etag);
        var editMs = Stopwatch.GetElapsedTime(editStarted).TotalMilliseconds;
        if (status != HttpStatusCode.OK)
        {
            log.WriteLine($"edit failed: {(int)status} {body}");
            return 2;
        }

        var version = JsonDocument.Parse(body).RootElement.GetProperty("version").GetInt32();
        var regrade = await RegradePoller.RunAsync(api, runs, NewScore, options.PollConcurrency, options.Timeout, pollErrors, cancellationToken);
        pollErrors.Print(log);
        double? seconds = regrade.TimedOut || regrade.Done == 0 ? null : Stopwatch.GetElapsedTime(editStarted, regrade.LastDoneAt).TotalSeconds;
        var report = new RegradeReport(tenant, fixture.AssessmentId, options.Submissions, options.Students, fire.Succeeded, seedErrors.Count, seedSeconds,
            graded.Released, version, editMs, regrade.Done, regrade.Pending, regrade.TimedOut, seconds, seconds is > 0 ? regrade.Done / seconds : null,
            pollErrors.Count, mismatches, TargetSeconds);
        report.Print(log);
        return report.Passed ? 0 : 1;
    }

    /// <summary>q4 is worth 8 and every other item together 7, so a score of 8 or more had q4 right under the old key, and wrong under the new one.</summary>
    public static decimal NewScore(StudentRun run) => run.ExpectedScore >= 8 ? run.ExpectedScore - 8 : run.ExpectedScore + 8;

    private static StudentRun Prepare(ExamFixture fixture, IReadOnlyDictionary<string, string> tokens, int index, string runId)
    {
        var answers = ExamPaper.AnswersFor(ExamPaper.PatternOf(index));
        var studentId = fixture.StudentIds[index % fixture.StudentIds.Count];
        var body = LoadApi.Serialize(new { answers = answers.Select(a => new { itemId = a.ItemId, value = a.Value }) });
        return new StudentRun(studentId, tokens[studentId], body, $"{runId}-{index:D6}", ExamPaper.ExpectedScore(answers));
    }

    private static async Task<string> ETagAsync(LoadApi api, string path, string token, CancellationToken cancellationToken)
    {
        var (status, etag, body) = await api.GetWithETagAsync(path, token, cancellationToken);
        return status == HttpStatusCode.OK && etag is not null ? etag : throw new SetupFailedException($"GET {path} -> {(int)status}: {body}");
    }
}
