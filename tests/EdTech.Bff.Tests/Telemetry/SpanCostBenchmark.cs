using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdTech.Application.Storage;
using EdTech.Application.Telemetry;
using EdTech.Bff.Telemetry;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace EdTech.Bff.Tests.Telemetry;

/// <summary>
/// Bytes allocated (this thread, exact) and CPU per call of each of our own tracing operations under the hosts' sampler, and per
/// request of the ASP.NET Core server span (process-wide, sequential requests): the per-span figures of docs/benchmarks.md
/// "Issue 18 item 7". Opt-in (EDTECH_BENCH=1).
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class SpanCostBenchmark(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Calls = 20_000;
    private static readonly TenantId Tenant = new("school-a");

    [BenchmarkFact]
    public void OwnSpans_PerSamplingSetting_CostPerCall()
    {
        var report = new StringBuilder();
        foreach (var (name, settings) in new (string, TelemetrySettings?)[]
        {
            ("no listener", null),
            ("ratio 0, errors not kept", new TelemetrySettings(0, false, 100)),
            ("ratio 0", new TelemetrySettings(0, true, 100)),
            ("ratio 0.1 (default)", TelemetrySettings.Default),
            ("ratio 1", new TelemetrySettings(1, true, 100)),
        })
        {
            using var provider = settings is null ? null : Sdk.CreateTracerProviderBuilder()
                .SetSampler(TelemetrySetup.Sampler(settings))
                .AddProcessor(new ErrorKeepingProcessor(settings.KeepErrors))
                .AddSource(EdTechTelemetry.Name)
                .Build();
            var unsampled = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00";
            var batch = Enumerable.Range(0, 64).Select(i => Document($"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00", i)).ToList();
            report.AppendLine(CultureInfo.InvariantCulture, $"{name}:");
            report.AppendLine(Measure("  submission.released + traceparent of its write", () =>
            {
                using var span = SubmissionSpans.StartReleased(Tenant, "sub-1", unsampled);
                _ = TraceParent.Current();
            }));
            report.AppendLine(Measure("  changefeed span, batch of 64 traces (÷64 per change)", () =>
            {
                using var span = ChangeFeedSpans.Start("submission-projection", batch, TimeSpan.FromMilliseconds(5));
            }));
            report.AppendLine(Measure("  grading.start, chunk of 64 traces", () =>
            {
                using var span = ChangeFeedSpans.StartForDocuments("grading.start", batch);
            }));
        }

        output.WriteLine(report.ToString());
        if (Environment.GetEnvironmentVariable("EDTECH_BENCH_OUT") is { Length: > 0 } file)
        {
            File.AppendAllText(file, report.ToString());
        }
    }

    [BenchmarkFact]
    public async Task ServerSpan_PerSamplingSetting_CostPerRequest()
    {
        var report = new StringBuilder();
        foreach (var (name, settings) in new (string, Dictionary<string, string>)[]
        {
            ("no OpenTelemetry", new()),
            ("ratio 0, errors not kept", new() { ["Telemetry:Enabled"] = "true", ["Telemetry:SamplingRatio"] = "0", ["Telemetry:KeepErrors"] = "false" }),
            ("ratio 0", new() { ["Telemetry:Enabled"] = "true", ["Telemetry:SamplingRatio"] = "0" }),
            ("ratio 0.1 (default)", new() { ["Telemetry:Enabled"] = "true" }),
            ("ratio 1", new() { ["Telemetry:Enabled"] = "true", ["Telemetry:SamplingRatio"] = "1" }),
        })
        {
            settings["Logging:LogLevel:Default"] = "Warning";
            settings["RateLimits:UserTokensPerSecond"] = "100000";
            settings["RateLimits:UserBurst"] = "100000";
            using var factory = new ApiFactory { Settings = settings };
            var client = factory.CreateClient();
            // A cheap authenticated route: the token is validated, the route runs, one store read; no write.
            var token = factory.Token("school-a", "t1", "teacher");
            async Task Run(int n)
            {
                for (var i = 0; i < n; i++)
                {
                    using var response = await client.SendAsync(ApiClient.Request(HttpMethod.Get, "/api/teacher/courses/none/gradebook", token));
                }
            }

            await Run(500);
            GC.Collect();
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            const int requests = 3000;
            await Run(requests);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{name,-26} {(GC.GetTotalAllocatedBytes(precise: true) - bytes) / (double)requests,8:F0} B/request  {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / requests,7:F0} µs CPU/request");
            report.AppendLine(line);
        }

        output.WriteLine(report.ToString());
        if (Environment.GetEnvironmentVariable("EDTECH_BENCH_OUT") is { Length: > 0 } file)
        {
            await File.AppendAllTextAsync(file, report.ToString());
        }
    }

    private static string Measure(string what, Action call)
    {
        for (var i = 0; i < 1000; i++)
        {
            call();
        }

        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Calls; i++)
        {
            call();
        }

        var ns = clock.Elapsed.TotalNanoseconds / Calls;
        return string.Create(CultureInfo.InvariantCulture, $"{what,-56} {(GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)Calls,8:F0} B  {ns / 1000,8:F2} µs");
    }

    private static StoredDocument Document(string traceParent, int i) =>
        new(Tenant, "submissions", "sub-" + i, "a1", "{}", "e", i, DateTimeOffset.UnixEpoch) { TraceParent = traceParent };
}
