using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EdTech.Cli.Commands.Seed;
using EdTech.Infrastructure.Identity;
using Microsoft.Data.Sqlite;

namespace EdTech.Cli.Commands.Load.Release;

public sealed record ReleaseBenchmarkOptions(Uri Url, string DataDirectory, string Tenant, int Submissions, TimeSpan Timeout);

/// <param name="VisibleMs">From the release call until every sampled student sees released with a score (atomic: one write flips them all).</param>
/// <param name="AllReleasedMs">From the release call until no submission of the assessment is left graded-not-released (the per-submission bookkeeping).</param>
/// <param name="MixedSamples">Polls that saw some sampled students with scores and others without (must be 0).</param>
public sealed record ReleaseBenchmarkReport(string Tenant, string AssessmentId, int Pending, int Released, double ReleaseCallMs, double VisibleMs, double AllReleasedMs,
    int MixedSamples, int WrongScores, bool TimedOut);

/// <summary>
/// Times "release now" on a seeded assessment. Student views are read through the API for a sample of students;
/// the total is counted read-only in the host's SQLite file (the API has no per-assessment count for students).
/// </summary>
public sealed class ReleaseBenchmark(TextWriter output, TextWriter log)
{
    private const int Samples = 8;

    public async Task<int> RunAsync(ReleaseBenchmarkOptions options, CancellationToken ct)
    {
        var issuer = LocalTokenIssuer.ForDataDirectory(options.DataDirectory);
        using var api = new LoadApi(options.Url, Samples * 2);
        var pending = CountGraded(options);
        if (pending == 0 || (options.Submissions > 0 && pending != options.Submissions))
        {
            log.WriteLine($"expected {(options.Submissions > 0 ? options.Submissions : "some")} graded submissions in {options.Tenant}, found {pending}; run `edtech seed release` with the host stopped");
            return 2;
        }

        var sample = Enumerable.Range(0, Samples).Select(k => (int)((long)k * (pending - 1) / Math.Max(1, Samples - 1))).Distinct()
            .Select(i => (Index: i, Token: issuer.Mint(options.Tenant, ReleaseSeeder.StudentId(i), ["student"], TimeSpan.FromHours(1)))).ToList();
        var teacher = issuer.Mint(options.Tenant, ReleaseSeeder.TeacherId, ["teacher"], TimeSpan.FromHours(1));
        log.WriteLine($"release: {pending} graded submissions of {ReleaseSeeder.AssessmentId} in {options.Tenant}");

        var started = Stopwatch.GetTimestamp();
        var (status, body) = await api.PostAsync($"/api/teacher/assessments/{ReleaseSeeder.AssessmentId}/release", teacher, new { }, ct);
        var callMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (status != HttpStatusCode.Accepted)
        {
            log.WriteLine($"release call answered {(int)status}: {body}");
            return 1;
        }

        double visibleMs = -1, allMs = -1;
        int mixed = 0, wrong = 0;
        while (Stopwatch.GetElapsedTime(started) < options.Timeout && (visibleMs < 0 || allMs < 0))
        {
            if (visibleMs < 0)
            {
                var views = await Task.WhenAll(sample.Select(s => ViewAsync(api, ReleaseSeeder.SubmissionId(s.Index), s.Token, ct)));
                var shown = views.Count(v => v?.Status == "released" && v.Score is not null);
                mixed += shown > 0 && shown < views.Length ? 1 : 0;
                if (shown == views.Length)
                {
                    visibleMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    wrong = sample.Zip(views).Count(p => p.Second!.Score != ReleaseSeeder.ExpectedScore(p.First.Index));
                }
            }

            if (allMs < 0 && CountGraded(options) == 0)
            {
                allMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            await Task.Delay(visibleMs < 0 ? 10 : 250, ct);
        }

        var left = CountGraded(options);
        var report = new ReleaseBenchmarkReport(options.Tenant, ReleaseSeeder.AssessmentId, pending, pending - left, Math.Round(callMs, 1), Math.Round(visibleMs, 1), Math.Round(allMs, 1),
            mixed, wrong, allMs < 0 || visibleMs < 0);
        output.WriteLine(JsonSerializer.Serialize(report, LoadApi.Json));
        return report.TimedOut || mixed > 0 || wrong > 0 ? 1 : 0;
    }

    private static async Task<StudentSubmissionView?> ViewAsync(LoadApi api, string submissionId, string token, CancellationToken ct)
    {
        var (status, body) = await api.SendAsync(HttpMethod.Get, $"/api/student/submissions/{submissionId}", token, null, null, ct);
        return status == HttpStatusCode.OK ? JsonSerializer.Deserialize<StudentSubmissionView>(body, LoadApi.Json) : null;
    }

    /// <summary>Graded-not-released submissions of the seeded assessment, read-only from the host's database file (WAL: safe beside the running host).</summary>
    private static int CountGraded(ReleaseBenchmarkOptions options)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.DataDirectory, "edtech.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM documents WHERE tenant = $t AND container = 'submissions' AND partition = $p "
            + "AND json_extract(json, '$.assessmentId') = $a AND json_extract(json, '$.status') = 'graded'";
        command.Parameters.AddWithValue("$t", options.Tenant);
        command.Parameters.AddWithValue("$p", ReleaseSeeder.CourseId);
        command.Parameters.AddWithValue("$a", ReleaseSeeder.AssessmentId);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
