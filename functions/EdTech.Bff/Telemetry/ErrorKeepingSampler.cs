using System.Diagnostics;
using EdTech.Application.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace EdTech.Bff.Telemetry;

/// <summary>
/// Parent-based ratio sampling that never loses an error span. A sampler decides when a span starts, before anyone knows it
/// will fail, and a tail decision (keep the whole trace of a failed request) needs a collector that holds whole traces, which
/// one process cannot be. So: the spans a ratio would drop are still recorded, not exported (RecordOnly); when one ends with
/// status Error, <see cref="ErrorKeepingProcessor"/> marks it sampled, and the exporter sends it (its trace id, attributes and
/// exception event; not the unsampled spans around it). Every error span, sampled or not, also counts in <c>edtech.errors</c>.
/// The price: unsampled spans allocate their attributes (measured where the benchmarks are, docs/observability.md).
/// </summary>
public sealed class ErrorKeepingSampler(Sampler inner) : Sampler
{
    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        var result = inner.ShouldSample(samplingParameters);
        return result.Decision == SamplingDecision.Drop ? new SamplingResult(SamplingDecision.RecordOnly) : result;
    }
}

/// <summary>
/// Must run before the exporters' processors (it is added first, by the shared wiring): it counts every error span and turns
/// an unsampled one into an exported one. Added whatever <see cref="TelemetrySettings.KeepErrors"/> says, for the metric.
/// </summary>
public sealed class ErrorKeepingProcessor(bool keepErrors) : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Status != ActivityStatusCode.Error)
        {
            return;
        }

        EdTechTelemetry.Errors.Add(1, new KeyValuePair<string, object?>("edtech.span", data.Source.Name == EdTechTelemetry.Name ? data.DisplayName : data.Source.Name));
        if (keepErrors && !data.Recorded)
        {
            data.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
        }
    }
}
