using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace EdTech.Infrastructure.Tests.Telemetry;

/// <summary>
/// Long measurements of one instrument of the static "EdTech" meter, kept only when recorded on this test's async flow: the
/// meter is process-wide and other tests write to the same containers in parallel, but a measurement callback runs on the
/// recording code's execution context, which carries this scope's <see cref="AsyncLocal{T}"/> mark only on this test's flow.
/// </summary>
internal sealed class ScopedMeasurements : IDisposable
{
    private static readonly AsyncLocal<object?> Mark = new();
    private readonly object _scope = new();
    private readonly MeterListener _listener = new();

    public ScopedMeasurements(string meter, string instrument)
    {
        Mark.Value = _scope;
        _listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == meter && i.Name == instrument)
            {
                l.EnableMeasurementEvents(i);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (ReferenceEquals(Mark.Value, _scope))
            {
                Measured.Enqueue((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        _listener.Start();
    }

    public ConcurrentQueue<(long Value, Dictionary<string, object?> Tags)> Measured { get; } = new();

    /// <summary>The sum of the measurements whose tags include every one of <paramref name="tags"/>.</summary>
    public long Sum(params (string Key, object Value)[] tags) =>
        Measured.Where(m => tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Key), t.Value))).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();
}
