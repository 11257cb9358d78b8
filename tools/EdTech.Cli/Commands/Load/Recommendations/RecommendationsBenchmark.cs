using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EdTech.Infrastructure.Identity;

namespace EdTech.Cli.Commands.Load.Recommendations;

public sealed record RecommendationsOptions(Uri Url, string DataDirectory, int Students, int Requests, int Concurrency, double MaxP99Ms, TimeSpan Timeout);

/// <summary>
/// Read latency of recommendations as students see it: setup and one submission per student (immediate release, mixed
/// right and wrong answers), wait until every student has recommendations (computed on change by the learner-state
/// handler), then time cached reads round-robin over the students. Prints one JSON line; exit 1 above --max-p99-ms.
/// </summary>
public sealed class RecommendationsBenchmark(TextWriter log)
{
    public async Task<int> RunAsync(RecommendationsOptions options, CancellationToken cancellationToken)
    {
        using var api = new LoadApi(options.Url, options.Concurrency);
        var setup = new ExamSetup(api, LocalTokenIssuer.ForDataDirectory(options.DataDirectory), log);
        var runId = Guid.NewGuid().ToString("n")[..6];
        var fixture = await setup.RunAsync($"rec-{runId}", options.Students, runId, cancellationToken);
        var tokens = fixture.StudentIds.Select(id => setup.MintStudent(fixture.Tenant, id)).ToArray();
        var submit = await FiringLoop.RunAsync(tokens.Length, options.Concurrency, async (i, ct) =>
        {
            var answers = ExamPaper.AnswersFor(ExamPaper.PatternOf(i)).Select(a => new { itemId = a.ItemId, value = a.Value });
            var (status, _) = await api.PostAsync($"/api/student/assessments/{fixture.AssessmentId}/submissions", tokens[i], new { answers }, ct);
            return status == HttpStatusCode.Accepted;
        }, cancellationToken);
        log.WriteLine($"submit: {submit.Succeeded}/{tokens.Length} accepted");

        var ready = Stopwatch.StartNew();
        var waiting = new HashSet<int>(Enumerable.Range(0, tokens.Length));
        while (waiting.Count > 0 && ready.Elapsed < options.Timeout)
        {
            foreach (var i in waiting.ToArray())
            {
                var (status, body) = await api.SendAsync(HttpMethod.Get, "/api/student/recommendations", tokens[i], null, null, cancellationToken);
                using var json = status == HttpStatusCode.OK ? JsonDocument.Parse(body) : null;
                if (json is not null && json.RootElement.GetProperty("items").GetArrayLength() > 0)
                {
                    waiting.Remove(i);
                }
            }

            await Task.Delay(200, cancellationToken);
        }

        log.WriteLine($"ready: {tokens.Length - waiting.Count} students with recommendations after {ready.Elapsed.TotalSeconds:F1}s ({waiting.Count} still waiting)");
        var reads = await FiringLoop.RunAsync(options.Requests, options.Concurrency, async (i, ct) =>
            (await api.SendAsync(HttpMethod.Get, "/api/student/recommendations", tokens[i % tokens.Length], null, null, ct)).Status == HttpStatusCode.OK,
            cancellationToken);
        var stats = LatencyStats.Of(reads.LatenciesMs);
        var pass = waiting.Count == 0 && reads.Failed == 0 && stats.P99 <= options.MaxP99Ms;
        log.WriteLine("RESULT " + JsonSerializer.Serialize(new
        {
            students = tokens.Length,
            requests = options.Requests,
            concurrency = options.Concurrency,
            failed = reads.Failed,
            perSecond = Math.Round(reads.PerSecond(options.Requests), 1),
            p50Ms = Math.Round(stats.P50, 3),
            p90Ms = Math.Round(stats.P90, 3),
            p99Ms = Math.Round(stats.P99, 3),
            maxMs = Math.Round(stats.Max, 3),
            targetP99Ms = options.MaxP99Ms,
            pass,
        }, LoadApi.Json));
        return pass ? 0 : 1;
    }
}
