using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using EdTech.Application.Telemetry;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Telemetry;

/// <summary>
/// With Telemetry:SamplingRatio=0 nothing ordinary is exported, yet every span that ends in error is, and counts in
/// edtech.errors (docs/observability.md "Sampling and errors").
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class ErrorSamplingTests
{
    [Fact]
    public async Task SamplingRatioZero_ExportsErrorSpansOnlyAndCountsThem()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var factory = TracedApi.Create(spans, samplingRatio: "0");
        var client = factory.CreateClient();
        var errors = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EdTechTelemetry.Name && instrument.Name == "edtech.errors")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "edtech.span" && (string?)tag.Value == "error-sampling-probe")
                {
                    Interlocked.Add(ref errors, value);
                }
            }
        });
        listener.Start();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/openapi/student.json", null)).Status);

        var marker = Guid.NewGuid().ToString("n");
        using (var ok = EdTechTelemetry.Source.StartActivity("error-sampling-probe"))
        {
            Assert.NotNull(ok);
            Assert.False(ok.Recorded);
            ok.SetTag("marker", marker);
        }

        using (var failed = EdTechTelemetry.Source.StartActivity("error-sampling-probe"))
        {
            failed!.SetTag("marker", marker);
            EdTechTelemetry.Fail(failed, new InvalidOperationException("boom"));
        }

        var mine = spans.Where(s => (string?)s.GetTagItem("marker") == marker).ToList();
        var kept = Assert.Single(mine);
        Assert.Equal(ActivityStatusCode.Error, kept.Status);
        Assert.Contains(kept.Events, e => e.Name == "exception");
        Assert.DoesNotContain(spans, s => s.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal(1, Interlocked.Read(ref errors));
    }
}
