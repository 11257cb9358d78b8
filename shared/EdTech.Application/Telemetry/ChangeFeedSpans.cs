using System.Diagnostics;
using EdTech.Application.Storage;

namespace EdTech.Application.Telemetry;

/// <summary>
/// The consumer span of one change-feed delivery, "changefeed {handler}" (kind Consumer). The trace of the request that wrote
/// the change continues across the feed: for a batch whose changes were all written under one trace context (one document,
/// or one request's writes), that context is the span's parent; otherwise the span starts its own trace and links to each
/// distinct stored context (at most <see cref="MaxLinks"/>). Handlers that start per-document work (grading) use
/// <see cref="StartForDocument"/> so each submission's workflow joins its own submission's trace.
/// </summary>
public static class ChangeFeedSpans
{
    public const string HandlerTag = "edtech.changefeed.handler";
    public const int MaxLinks = 32;

    public static Activity? Start(string handler, IReadOnlyList<StoredDocument> changes, TimeSpan lag)
    {
        var source = EdTechTelemetry.Source;
        if (!source.HasListeners())
        {
            return null;
        }

        var contexts = new List<ActivityContext>();
        foreach (var change in changes)
        {
            if (TraceParent.TryParse(change.TraceParent, out var context) && !contexts.Contains(context))
            {
                contexts.Add(context);
                if (contexts.Count == MaxLinks)
                {
                    break;
                }
            }
        }

        var single = contexts.Count == 1 && changes.All(c => c.TraceParent == changes[0].TraceParent);
        var links = single ? null : contexts.Select(c => new ActivityLink(c));
        var activity = source.StartActivity(ActivityKind.Consumer, single ? contexts[0] : default, links: links, name: "changefeed " + handler);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(HandlerTag, handler);
            activity.SetTag("messaging.system", "edtech.changefeed");
            activity.SetTag("messaging.batch.message_count", changes.Count);
            activity.SetTag("edtech.changefeed.lag_ms", Math.Max(0, (long)lag.TotalMilliseconds));
            activity.SetTag("edtech.changefeed.containers", string.Join(',', changes.Select(c => c.Container).Distinct(StringComparer.Ordinal)));
        }

        return activity;
    }

    /// <summary>
    /// A span for one document's own work inside a batch ("{name}", kind Internal): the document's stored context is its parent
    /// (so what it starts, e.g. the grading orchestration, joins the submission's trace), linked to the batch span.
    /// Without a stored context it is a child of the batch span.
    /// </summary>
    public static Activity? StartForDocument(string name, StoredDocument change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var source = EdTechTelemetry.Source;
        if (!source.HasListeners())
        {
            return null;
        }

        if (!TraceParent.TryParse(change.TraceParent, out var parent))
        {
            return source.StartActivity(name, ActivityKind.Internal);
        }

        var batch = Activity.Current;
        var links = batch is null || batch.Context.TraceId == parent.TraceId ? null : new[] { new ActivityLink(batch.Context) };
        return source.StartActivity(ActivityKind.Internal, parent, links: links, name: name);
    }

    /// <summary>
    /// A span for several documents' work started together (a grading batch): as <see cref="StartForDocument"/> when they share
    /// one stored context (one document, or one request's writes); otherwise a child of the batch span linked to each distinct
    /// stored context (at most <see cref="MaxLinks"/>).
    /// </summary>
    public static Activity? StartForDocuments(string name, IReadOnlyList<StoredDocument> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count > 0 && changes.All(c => c.TraceParent == changes[0].TraceParent))
        {
            return StartForDocument(name, changes[0]);
        }

        var source = EdTechTelemetry.Source;
        if (!source.HasListeners())
        {
            return null;
        }

        var links = new List<ActivityLink>();
        foreach (var change in changes)
        {
            if (TraceParent.TryParse(change.TraceParent, out var context) && !links.Exists(l => l.Context == context))
            {
                links.Add(new ActivityLink(context));
                if (links.Count == MaxLinks)
                {
                    break;
                }
            }
        }

        return source.StartActivity(ActivityKind.Internal, default(ActivityContext), links: links, name: name);
    }
}
