using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Telemetry;

/// <summary>
/// Tracing's cost per submission, measured deterministically in one process (docs/benchmarks.md "Issue 18 item 7"): the real
/// LocalHost (ApiFactory: same Program, store, change-feed pump and durable engine), N students submitting once each, and for
/// each telemetry variant the process's allocated bytes and CPU time from the first submit until every submission is released
/// and the background work has settled, divided by N. Wall-clock throughput on a shared machine is noise; these are not.
/// Opt-in (EDTECH_BENCH=1): it takes minutes. EDTECH_BENCH_STUDENTS (default 300), EDTECH_BENCH_ROUNDS (default 2).
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TracingCostBenchmark(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly (string Name, Dictionary<string, string> Settings)[] Variants =
    [
        ("no OpenTelemetry", new()),
        ("tracing off (metrics only)", new() { ["Telemetry:Prometheus:Enabled"] = "true", ["Telemetry:Tracing"] = "false" }),
        ("ratio 0, errors not kept", new() { ["Telemetry:Prometheus:Enabled"] = "true", ["Telemetry:SamplingRatio"] = "0", ["Telemetry:KeepErrors"] = "false" }),
        ("ratio 0", new() { ["Telemetry:Prometheus:Enabled"] = "true", ["Telemetry:SamplingRatio"] = "0" }),
        ("ratio 0.1 (default)", new() { ["Telemetry:Prometheus:Enabled"] = "true" }),
        ("ratio 1", new() { ["Telemetry:Prometheus:Enabled"] = "true", ["Telemetry:SamplingRatio"] = "1" }),
    ];

    [BenchmarkFact]
    public async Task Submissions_PerTelemetryVariant_CostPerSubmission()
    {
        var students = Setting("EDTECH_BENCH_STUDENTS", 300);
        var rounds = Setting("EDTECH_BENCH_ROUNDS", 2);
        var only = Environment.GetEnvironmentVariable("EDTECH_BENCH_VARIANTS");
        var variants = Variants.Where(v => only is null || only.Split(',').Any(o => v.Name.StartsWith(o, StringComparison.Ordinal))).ToList();
        var results = new Dictionary<string, List<Cost>>();

        // Warm-up (JIT, tiering) on the first variant, not recorded.
        await MeasureAsync(variants[0].Settings, Math.Min(students, 100), count: false);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, settings) in round % 2 == 0 ? variants : Enumerable.Reverse(variants))
            {
                var cost = await MeasureAsync(settings, students, count: false);
                (results.TryGetValue(name, out var list) ? list : results[name] = []).Add(cost);
                output.WriteLine($"round {round + 1} {name,-26} {cost}");
            }
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"students {students}, rounds {rounds}; per submission: allocated KB, CPU ms (process, all threads)");
        var baseline = results[variants[0].Name];
        foreach (var (name, _) in variants)
        {
            var list = results[name];
            var kb = list.Average(c => c.KilobytesPerSubmission);
            var cpu = list.Average(c => c.CpuMsPerSubmission);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"{name,-26} {kb,8:F1} KB ({kb - baseline.Average(c => c.KilobytesPerSubmission),+7:F1})  {cpu,6:F2} ms ({cpu - baseline.Average(c => c.CpuMsPerSubmission),+6:F2})  runs: {string.Join(" | ", list)}");
        }

        // One more run of each telemetry variant with a counting listener: which spans are created, and how many per submission.
        foreach (var (name, settings) in variants.Skip(1))
        {
            var counted = await MeasureAsync(settings, students, count: true);
            report.AppendLine(CultureInfo.InvariantCulture, $"{name}: spans per submission: {counted.Spans}");
        }

        output.WriteLine(report.ToString());
        if (Environment.GetEnvironmentVariable("EDTECH_BENCH_OUT") is { Length: > 0 } file)
        {
            await File.AppendAllTextAsync(file, report.ToString());
        }
    }

    private static async Task<Cost> MeasureAsync(Dictionary<string, string> telemetry, int students, bool count)
    {
        var settings = new Dictionary<string, string>(telemetry)
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["RateLimits:UserTokensPerSecond"] = "100000",
            ["RateLimits:UserBurst"] = "100000",
        };
        using var factory = new ApiFactory { Settings = settings };
        var client = factory.CreateClient();
        var school = await School.CreateAsync(factory, client);
        var tokens = new string[students];
        await Parallel.ForEachAsync(Enumerable.Range(0, students), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            tokens[i] = await school.AddStudentAsync("b" + i.ToString("D5", CultureInfo.InvariantCulture)));
        await SettledAsync(factory, school.Tenant, 0);

        using var counter = count ? new SpanCounter() : null;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var ids = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (token, _) => ids.Add(await school.SubmitAsync(token)));
        await SettledAsync(factory, school.Tenant, students);
        var wall = clock.Elapsed;
        process.Refresh();
        var cost = new Cost(
            (GC.GetTotalAllocatedBytes(precise: true) - bytes) / 1024.0 / students,
            (process.TotalProcessorTime - cpu).TotalMilliseconds / students,
            wall.TotalSeconds,
            counter?.PerSubmission(students) ?? "");
        var (status, body, _) = await client.GetAsync($"/api/teacher/assessments/{school.Quiz}/submissions?pageSize=1", school.Teacher);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(students, ids.Count);
        _ = body;
        return cost;
    }

    /// <summary>
    /// Every submission released and every consumer's checkpoint at the head, twice 500 ms apart. Read from the SQLite file on
    /// its own connection, so the wait itself starts no span and makes no request (it would cost differently per variant).
    /// </summary>
    private static async Task SettledAsync(ApiFactory factory, string tenant, int released)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        var consumers = EdTech.Application.ChangeFeed.ChangeFeedCatalog.All.Count;
        long? lastHead = null;
        while (DateTime.UtcNow < deadline)
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(factory.DataDirectory, "edtech.db"), Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly, Pooling = false,
            }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT (SELECT COALESCE(MAX(seq), 0) FROM documents),
                       (SELECT COUNT(*) FROM documents WHERE tenant = $t AND container = 'submissions' AND lower(json_extract(json, '$.status')) = 'released'),
                       (SELECT COUNT(*) FROM checkpoints WHERE seq >= (SELECT COALESCE(MAX(seq), 0) FROM documents))
                """;
            command.Parameters.AddWithValue("$t", tenant);
            using (var reader = command.ExecuteReader())
            {
                reader.Read();
                var head = reader.GetInt64(0);
                var done = reader.GetInt64(1) >= released && reader.GetInt64(2) >= consumers;
                if (done && lastHead == head)
                {
                    return;
                }

                lastHead = done ? head : null;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"{tenant}: not settled");
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private sealed record Cost(double KilobytesPerSubmission, double CpuMsPerSubmission, double WallSeconds, string Spans)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{KilobytesPerSubmission:F1} KB {CpuMsPerSubmission:F2} ms ({WallSeconds:F1} s)");
    }

    /// <summary>Counts the spans started, by source and kind (all sampling outcomes: recorded or not). Adds no sampling vote.</summary>
    private sealed class SpanCounter : IDisposable
    {
        private readonly ConcurrentDictionary<string, int> _started = new(StringComparer.Ordinal);
        private readonly ActivityListener _listener;

        public SpanCounter()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = _ => true,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
                ActivityStarted = a => _started.AddOrUpdate($"{a.Source.Name}/{(a.Recorded ? "sampled" : a.IsAllDataRequested ? "record-only" : "propagation")}", 1, (_, n) => n + 1),
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public string PerSubmission(int students) => string.Join(", ", _started.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {(double)p.Value / students:F2}")));

        public void Dispose() => _listener.Dispose();
    }
}

/// <summary>A benchmark, not a check: runs only with EDTECH_BENCH=1 (minutes of CPU), skipped with that reason otherwise.</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("EDTECH_BENCH") != "1")
        {
            Skip = "Benchmark: set EDTECH_BENCH=1 to run (docs/benchmarks.md).";
        }
    }
}
