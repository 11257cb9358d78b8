using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EdTech.Cli.Commands.Load.Release;
using EdTech.Infrastructure.Identity;

namespace EdTech.Cli.Commands.Load.Peak;

public sealed record PeakOptions(
    Uri Url,
    string DataDirectory,
    int Students,
    int Connections,
    int Threads,
    string WrkScript,
    string? CeilingScript,
    string? Tenant,
    TimeSpan Timeout,
    string Wrk = "wrk",
    int CeilingSeconds = 5);

/// <summary>
/// The exam peak, as an outside load sees it: setup through the public API (<see cref="ExamSetup"/>), every student's
/// token and body written to a file, ONE burst by wrk (tools/bench/peak.lua: each student submits once), then polling until every
/// submission is released in the write model, visible in each student's view and in the teacher's gradebook with the right
/// score; the host's own counters before and after, divided by submissions; and the reference ceiling when given.
/// </summary>
public sealed class PeakBenchmark(TextWriter log)
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    public async Task<int> RunAsync(PeakOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var tenant = options.Tenant ?? $"peak-{runId}";
        using var api = new LoadApi(options.Url, options.Connections);
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
        var teacher = setup.MintTeacher(fixture);
        var work = Directory.CreateTempSubdirectory("edtech-peak-");
        try
        {
            var requests = Path.Combine(work.FullName, "requests.tsv");
            await WriteRequestsAsync(requests, students, cancellationToken);
            log.WriteLine($"prepared: {students.Length} requests in {requests}");

            // The first gradebook read of the hour writes one read-audit entry per student: do it before the counters are read.
            await TeacherReads.GradebookAsync(api, teacher, fixture.CourseId, cancellationToken);
            var metrics = new MetricsScraper(api);
            var (before, settledBefore, _) = await metrics.SettleAsync(TimeSpan.FromSeconds(60), cancellationToken);
            log.WriteLine(before is null ? "metrics: /metrics not served (start the host with --Telemetry:Prometheus:Enabled=true): counters n/a" : $"metrics: before read after {settledBefore:F1} s idle check");

            var (wrkOutput, burstEnd) = await RunWrkAsync(options, fixture.AssessmentId, requests, work.FullName, cancellationToken);
            var atBurstEnd = before is null ? null : await metrics.ScrapeAsync(cancellationToken);
            foreach (var line in wrkOutput.Split('\n').Where(l => l.Length > 0))
            {
                log.WriteLine("  | " + line);
            }

            var burst = WrkSummary.Parse(wrkOutput);
            var capped = burst.RanToCap(options.Timeout);
            if (capped)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"burst: wrk ran to its {options.Timeout.TotalSeconds:F0} s cap (the script's stop after the last answer was lost): the rate and the times from the burst's end are not valid; run again"));
            }

            MetricsSnapshot? atReleased = null;
            var (report, timedOut) = await CheckAsync(api, options, fixture, teacher, students, burst, burstEnd,
                async () => atReleased = before is null ? null : await metrics.ScrapeAsync(cancellationToken), cancellationToken);

            var (after, settledAfter, settled) = before is null ? (null, 0, false) : await metrics.SettleAsync(TimeSpan.FromSeconds(120), cancellationToken);
            log.WriteLine(after is null ? "metrics: n/a" : $"metrics: after read {settledAfter:F1} s after the check ({(settled ? "counters still" : "counters STILL MOVING at the cap")})");
            var perSubmission = before is not null && after is not null && burst.Acknowledged > 0
                ? WorkCounters.PerSubmission(before, after, (int)burst.Acknowledged)
                : WorkCounters.All.Select(c => new CounterPerSubmission(c.Label, c.Metric, null, new Dictionary<string, double>())).ToList();

            var ceiling = options.CeilingScript is null ? null : await RunCeilingAsync(options, cancellationToken);
            var burstCost = before is not null && atBurstEnd is not null && burst.Acknowledged > 0 ? HostCost.Between(before, atBurstEnd, burst.Acknowledged) : null;
            var releasedCost = before is not null && atReleased is not null && burst.Acknowledged > 0 ? HostCost.Between(before, atReleased, burst.Acknowledged) : null;
            var final = report with { Tenant = tenant, TimedOut = timedOut || capped, PerSubmission = perSubmission, MetricsSettled = settled, Ceiling = ceiling, BurstCost = burstCost, ReleasedCost = releasedCost };
            final.Print(log);
            return final.Passed ? 0 : 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>One line per student: token, Idempotency-Key, body (JSON has no raw tabs or newlines).</summary>
    public static async Task WriteRequestsAsync(string path, IReadOnlyList<StudentRun> students, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(students);
        await using var file = new StreamWriter(path, false, new UTF8Encoding(false));
        foreach (var s in students)
        {
            await file.WriteAsync($"{s.Token}\t{s.IdempotencyKey}\t{Encoding.UTF8.GetString(s.Body)}\n".AsMemory(), cancellationToken);
        }
    }

    private async Task<(string Output, long EndedAt)> RunWrkAsync(PeakOptions options, string assessmentId, string requests, string work, CancellationToken cancellationToken)
    {
        var done = Directory.CreateDirectory(Path.Combine(work, "done")).FullName;
        var start = new ProcessStartInfo(options.Wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            $"-t{options.Threads}", $"-c{options.Connections}", string.Create(CultureInfo.InvariantCulture, $"-d{(int)options.Timeout.TotalSeconds}s"),
            "--timeout", "30s", "--latency", "-s", options.WrkScript, options.Url.GetLeftPart(UriPartial.Authority),
        })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PEAK_REQUESTS"] = requests;
        start.Environment["PEAK_PATH"] = SubmissionFire.PathFor(assessmentId);
        start.Environment["PEAK_THREADS"] = options.Threads.ToString(CultureInfo.InvariantCulture);
        start.Environment["PEAK_DONE_DIR"] = done;
        log.WriteLine($"burst: {options.Wrk} {string.Join(' ', start.ArgumentList)}");
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException($"could not start {options.Wrk}");
        var stdout = wrk.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = wrk.StandardError.ReadToEndAsync(cancellationToken);
        await wrk.WaitForExitAsync(cancellationToken);
        var endedAt = Stopwatch.GetTimestamp();
        var output = await stdout + await stderr;
        return (output, endedAt);
    }

    private async Task<(PeakReport Report, bool TimedOut)> CheckAsync(LoadApi api, PeakOptions options, ExamFixture fixture, string teacher,
        StudentRun[] students, WrkSummary burst, long burstEnd, Func<Task> writeModelReleased, CancellationToken cancellationToken)
    {
        double Since() => Stopwatch.GetElapsedTime(burstEnd).TotalSeconds;
        bool Late() => Since() > options.Timeout.TotalSeconds;
        var byUser = students.ToDictionary(s => s.StudentId, StringComparer.Ordinal);
        var pollErrors = new ErrorSamples("poll");

        // 1. The write model (the teacher's submissions list), until every acknowledged one is released: polled with the list's
        // status filter (one row per status not yet released) and read whole only to confirm, since reading all 20,000 rows five
        // times a second took about a tenth of the host's CPU while it graded (docs/benchmarks.md).
        double? writeModel = null;
        IReadOnlyList<TeacherSubmissionRow> rows = [];
        while (!Late())
        {
            double? noneLeftAt = null;
            try
            {
                if (!await TeacherReads.AnyUnreleasedAsync(api, teacher, fixture.AssessmentId, cancellationToken))
                {
                    noneLeftAt = Since();
                    rows = await TeacherReads.SubmissionsAsync(api, teacher, fixture.AssessmentId, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
            {
                pollErrors.Add(ex.Message);
            }

            if (noneLeftAt is { } at && rows.Count >= burst.Acknowledged && rows.All(r => r.Status == "released"))
            {
                writeModel = at;
                // Before the student views are polled: the host's cost up to here is intake and grading (HostCost).
                await writeModelReleased();
                break;
            }

            await Task.Delay(Pause, cancellationToken);
        }

        log.WriteLine($"check: write model {(writeModel is { } w ? $"all {rows.Count} released after {w:F2} s" : $"{rows.Count(r => r.Status == "released")} of {rows.Count} released at the timeout")}");
        foreach (var row in rows)
        {
            if (byUser.TryGetValue(row.UserId, out var s))
            {
                s.SubmissionId = row.SubmissionId;
            }
        }

        // 2 and 3 at the same time (each state is timed by the read that saw it, not after the other check): every student's own
        // view, in rounds over those not yet seen released (a pass over all views is the resolution), and the teacher's gradebook
        // (one read is the whole class), until every submitted student's cell is released.
        var viewsStarted = Stopwatch.GetTimestamp();
        var remaining = TimeSpan.FromSeconds(Math.Max(1, options.Timeout.TotalSeconds - Since()));
        var viewsPolled = PollViewsAsync();
        async Task<(ReleaseResult Result, double Seconds)> PollViewsAsync()
        {
            var result = await ReleasePoller.RunAsync(api, students, options.Connections, remaining, pollErrors, cancellationToken);
            return (result, Stopwatch.GetElapsedTime(viewsStarted).TotalSeconds);
        }

        double? gradebookSeconds = null;
        var reads = 0;
        var gradebookReleased = 0;
        var gradebookMismatches = 0;
        var submitted = students.Count(s => s.SubmissionId is not null);
        while (!Late())
        {
            try
            {
                var gradebook = await TeacherReads.GradebookAsync(api, teacher, fixture.CourseId, cancellationToken);
                reads++;
                var cells = gradebook.Rows
                    .Where(r => byUser.TryGetValue(r.UserId, out var s) && s.SubmissionId is not null)
                    .Select(r => (Student: byUser[r.UserId], Cell: r.Assessments.FirstOrDefault(a => a.AssessmentId == fixture.AssessmentId)))
                    .Where(x => x.Cell is { Status: "released" })
                    .ToList();
                gradebookReleased = cells.Count;
                gradebookMismatches = cells.Count(x => x.Cell!.Score != x.Student.ExpectedScore || x.Cell.MaxScore != ExamPaper.MaxScore);
                if (gradebookReleased >= submitted)
                {
                    gradebookSeconds = Since();
                    break;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
            {
                pollErrors.Add(ex.Message);
            }

            await Task.Delay(Pause, cancellationToken);
        }

        var (views, viewsPollSeconds) = await viewsPolled;
        var passSeconds = viewsPollSeconds / Math.Max(1, views.Rounds);
        double? viewsSeconds = !views.TimedOut && views.Released > 0 ? Stopwatch.GetElapsedTime(burstEnd, views.LastReleasedAt).TotalSeconds : null;
        // The last read that still saw some student's result hidden: every view became visible after it (a lower bound).
        var lastHidden = students.Max(s => s.LastUnreleasedReadAt);
        var viewsAtLeast = Math.Max(writeModel ?? 0, lastHidden == 0 ? 0 : Stopwatch.GetElapsedTime(burstEnd, lastHidden).TotalSeconds);
        var studentMismatches = students.Where(s => s.ReleasedAt != 0).Count(s => s.ReleasedScore != s.ExpectedScore || s.MaxScore != ExamPaper.MaxScore);
        log.WriteLine($"check: student views {views.Released} released ({views.Rounds} rounds, {studentMismatches} wrong scores)");

        pollErrors.Print(log);
        foreach (var s in students.Where(s => s.ReleasedAt != 0 && s.ReleasedScore != s.ExpectedScore).Take(5))
        {
            log.WriteLine($"  [score] {s.StudentId} {s.SubmissionId}: expected {s.ExpectedScore}, released {s.ReleasedScore?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        }

        var timedOut = writeModel is null || viewsSeconds is null || gradebookSeconds is null;
        return (new PeakReport(fixture.Tenant, fixture.AssessmentId, options.Students, options.Connections, options.Threads, burst,
            writeModel, viewsSeconds, passSeconds, gradebookSeconds, reads, views.Released, studentMismatches, gradebookReleased, gradebookMismatches,
            pollErrors.Count, timedOut, [], false, null, viewsAtLeast), timedOut);
    }

    private async Task<CeilingLine?> RunCeilingAsync(PeakOptions options, CancellationToken cancellationToken)
    {
        log.WriteLine($"ceiling: bash {options.CeilingScript} {options.CeilingSeconds} {options.Connections}");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(options.CeilingScript!);
        start.ArgumentList.Add(options.CeilingSeconds.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(options.Connections.ToString(CultureInfo.InvariantCulture));
        using var ceiling = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        var stdout = ceiling.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = ceiling.StandardError.ReadToEndAsync(cancellationToken);
        await ceiling.WaitForExitAsync(cancellationToken);
        var output = await stdout;
        log.WriteLine("  | " + output.Trim() + (await stderr is { Length: > 0 } e ? " | " + e.Trim() : ""));
        return CeilingLine.Parse(output);
    }
}
