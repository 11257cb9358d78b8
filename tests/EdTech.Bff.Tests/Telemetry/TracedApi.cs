using System.Collections.Concurrent;
using System.Diagnostics;
using EdTech.Bff.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace EdTech.Bff.Tests.Telemetry;

/// <summary>The LocalHost with the shared OpenTelemetry wiring on (<c>Telemetry:Enabled</c>) and an in-memory span exporter.</summary>
public static class TracedApi
{
    public static ApiFactory Create(ConcurrentQueue<Activity> spans, string samplingRatio = "1", IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string> { ["Telemetry:Enabled"] = "true", ["Telemetry:SamplingRatio"] = samplingRatio };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return new ApiFactory
        {
            Settings = settings,
            // After the host's own wiring, so the exporter's processor runs after the error-keeping one (as a real exporter's does).
            TestServices = s => s.AddOpenTelemetry().WithTracing(t => t.AddProcessor(new SimpleActivityExportProcessor(new QueueExporter(spans)))),
        };
    }

    /// <summary>Spans as exported (only those the sampler or the error rule kept).</summary>
    private sealed class QueueExporter(ConcurrentQueue<Activity> spans) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var span in batch)
            {
                spans.Enqueue(span);
            }

            return ExportResult.Success;
        }
    }

    /// <summary>Polls the exported spans until <paramref name="done"/> holds (spans end asynchronously, after the responses).</summary>
    public static async Task<IReadOnlyList<Activity>> WaitForAsync(ConcurrentQueue<Activity> spans, Func<IReadOnlyList<Activity>, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var seen = spans.ToList();
            if (done(seen) || DateTime.UtcNow > deadline)
            {
                return seen;
            }

            await Task.Delay(50);
        }
    }

    public static string Describe(IEnumerable<Activity> spans) => string.Join(Environment.NewLine, spans.Select(s =>
        $"{s.Source.Name} '{s.DisplayName}' trace={s.TraceId} span={s.SpanId} parent={s.ParentSpanId} status={s.Status} links=[{string.Join(",", s.Links.Select(l => l.Context.TraceId.ToString()))}]"));
}
