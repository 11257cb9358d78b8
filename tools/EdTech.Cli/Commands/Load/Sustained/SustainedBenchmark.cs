using System.Diagnostics;
using System.Security.Cryptography;
using EdTech.Cli.Commands.Load.Release;
using EdTech.Infrastructure.Identity;

namespace EdTech.Cli.Commands.Load.Sustained;

public sealed record SustainedOptions(Uri Url, string DataDirectory, int Rate, TimeSpan Duration, int Concurrency, int SampleEvery, string? Tenant, TimeSpan ReleaseTimeout);

/// <summary>Setup, then paced submissions with a release sampler beside them, then a full release check of every submission.</summary>
public sealed class SustainedBenchmark(TextWriter log)
{
    public const int WindowSeconds = 10;

    public async Task<int> RunAsync(SustainedOptions options, CancellationToken cancellationToken)
    {
        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var tenant = options.Tenant ?? $"load-{runId}";
        var count = Pacing.Count(options.Rate, options.Duration);
        using var api = new LoadApi(options.Url, options.Concurrency + 32);
        var setup = new ExamSetup(api, LocalTokenIssuer.ForDataDirectory(options.DataDirectory), log);
        ExamFixture fixture;
        try
        {
            fixture = await setup.RunAsync(tenant, count, runId, cancellationToken);
        }
        catch (Exception ex) when (ex is SetupFailedException or HttpRequestException)
        {
            log.WriteLine($"setup failed: {ex.Message}");
            return 2;
        }

        var students = Enumerable.Range(0, count).Select(i => StudentRun.Prepare(setup, fixture, i, runId)).ToArray();
        await FiringLoop.RunAsync(options.Concurrency, options.Concurrency, async (_, ct) => (await api.SendAsync(HttpMethod.Get, "/api/health", null, null, null, ct)).Status == System.Net.HttpStatusCode.OK, cancellationToken);
        log.WriteLine($"fire: {count} submissions at {options.Rate}/s for {options.Duration.TotalSeconds:F0} s, at most {options.Concurrency} in flight, sampling every {options.SampleEvery}th");

        var fireErrors = new ErrorSamples("submit");
        var sampleErrors = new ErrorSamples("sample");
        var sampler = new ReleaseSampler(api, sampleErrors);
        var firingDone = false;
        var sampling = Task.Run(() => sampler.RunAsync(() => Volatile.Read(ref firingDone), options.ReleaseTimeout, cancellationToken), cancellationToken);
        var fire = await new PacedSubmissions(api, fixture.AssessmentId, students, fireErrors).RunAsync(options.Rate, options.Concurrency, (index, student, startedAt) =>
        {
            if (index % options.SampleEvery == 0)
            {
                sampler.Track(index, student, startedAt);
            }
        }, cancellationToken);
        Volatile.Write(ref firingDone, true);
        fireErrors.Print(log);
        log.WriteLine($"fire: done in {fire.Wall.TotalSeconds:F1} s; waiting for sampled releases");
        await sampling;
        sampleErrors.Print(log);

        log.WriteLine($"check: reading all {fire.Succeeded} acknowledged submissions");
        var pollErrors = new ErrorSamples("check");
        var release = await ReleasePoller.RunAsync(api, students, 32, options.ReleaseTimeout, pollErrors, cancellationToken);
        pollErrors.Print(log);

        var (releaseWindows, releaseSource, serverSide) = await ProductReleaseTimesAsync(api, setup.MintTeacher(fixture), fixture.AssessmentId, students, pollErrors, cancellationToken);
        var acked = Enumerable.Range(0, count).Where(i => !double.IsNaN(fire.LatenciesMs[i])).ToArray();
        var report = new SustainedReport(
            tenant, fixture.AssessmentId, options.Rate, options.Duration.TotalSeconds, options.Concurrency, count, fire.Succeeded, fireErrors.Count,
            fire.PerSecond(fire.Succeeded), LatencyStats.Of(acked.Select(i => fire.LatenciesMs[i]).ToArray()),
            Windows(fire.LatenciesMs, sampler.LatenciesByIndex, options.Rate), LatencyStats.Of(sampler.LatenciesMs), sampler.Pending, sampler.Polls, sampleErrors.Count,
            release.Released, release.TimedOut, pollErrors.Count,
            students.Count(s => s.ReleasedAt != 0 && (s.ReleasedScore != s.ExpectedScore || s.MaxScore != ExamPaper.MaxScore)),
            releaseWindows, releaseSource, serverSide);
        report.Print(log);
        return report.Passed ? 0 : 1;
    }

    /// <summary>
    /// Submit→released of EVERY acknowledged submission, from the product's own release time (the teacher's submissions list:
    /// <c>releasedAt</c> when the host sends it, else <c>gradedAt</c> of a released submission, since the immediate policy releases in
    /// the grade's write) minus the client's send time (due time when sent late). Exact to the host's clock, no polling error, and read
    /// after the run, so it adds no load while measuring. Server-side (release − receive) is returned beside it.
    /// </summary>
    private static async Task<(IReadOnlyList<ReleaseWindow>? Windows, string? Source, LatencyStats? ServerSide)> ProductReleaseTimesAsync(
        LoadApi api, string teacher, string assessmentId, StudentRun[] students, ErrorSamples errors, CancellationToken cancellationToken)
    {
        IReadOnlyList<TeacherSubmissionRow> rows;
        try
        {
            rows = await TeacherReads.SubmissionsAsync(api, teacher, assessmentId, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            errors.Add($"submissions list: {ex.Message}");
            return (null, null, null);
        }

        var byId = rows.ToDictionary(r => r.SubmissionId, StringComparer.Ordinal);
        var sent = students.Where(s => s.SubmissionId is not null && s.SentAt is not null).ToList();
        if (sent.Count == 0)
        {
            return (null, null, null);
        }

        var start = sent.Min(s => s.SentAt!.Value);
        var usesReleasedAt = rows.Any(r => r.ReleasedAt is not null);
        DateTimeOffset? ReleasedAt(TeacherSubmissionRow r) => r.ReleasedAt ?? (r.Status == "released" ? r.GradedAt : null);
        var items = sent.Select(s => byId.TryGetValue(s.SubmissionId!, out var r) && ReleasedAt(r) is { } at
            ? ((s.SentAt!.Value - start).TotalSeconds, (double?)Math.Max(0, (at - s.SentAt.Value).TotalMilliseconds))
            : ((s.SentAt!.Value - start).TotalSeconds, null)).ToList();
        var serverSide = LatencyStats.Of(rows.Where(r => ReleasedAt(r) is not null).Select(r => (ReleasedAt(r)!.Value - r.SubmittedAt).TotalMilliseconds).ToArray());
        return (ReleaseWindows.Of(items), usesReleasedAt ? "the product's releasedAt - client send time" : "the product's gradedAt of released submissions (immediate policy: graded and released in one write) - client send time", serverSide);
    }

    /// <summary>Per window of due time: acknowledged count and ack p99 (the rate held), and the sampled submit-to-released p99.</summary>
    private static IReadOnlyList<SustainedWindow> Windows(double[] latenciesMs, IReadOnlyDictionary<int, double> releasedByIndex, int rate)
    {
        var perWindow = rate * WindowSeconds;
        return latenciesMs.Chunk(perWindow).Select((chunk, w) =>
        {
            var ok = chunk.Where(l => !double.IsNaN(l)).ToArray();
            var released = releasedByIndex.Where(p => p.Key / perWindow == w).Select(p => p.Value).ToArray();
            return new SustainedWindow(w * WindowSeconds, ok.Length, LatencyStats.Of(ok).P99, LatencyStats.Of(released).P99);
        }).ToArray();
    }
}
