using System.Diagnostics;

namespace EdTech.Application.Telemetry;

/// <summary>
/// W3C trace context stored with a document (never inside the record: the store adapters write it beside the JSON, from the
/// writer's <see cref="Activity.Current"/>), so the change-feed consumers can continue or link the trace that wrote it.
/// </summary>
public static class TraceParent
{
    /// <summary>The current span's traceparent (<c>00-{trace}-{span}-{flags}</c>), or null outside any W3C span.</summary>
    public static string? Current() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;

    /// <summary>The context a stored traceparent names; false when there is none or it is malformed.</summary>
    public static bool TryParse(string? traceParent, out ActivityContext context)
    {
        context = default;
        return traceParent is { Length: 55 } && ActivityContext.TryParse(traceParent, traceState: null, isRemote: true, out context);
    }
}
