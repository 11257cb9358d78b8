using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EdTech.Application.Telemetry;

/// <summary>
/// The one ActivitySource and Meter of our own code, both named "EdTech" (docs/observability.md lists every span, instrument and
/// dimension). Static, like the BCL's own sources: a listener (OpenTelemetry in both hosts, a MeterListener in tests) subscribes by
/// name, and without one every call here is a cheap no-op. Tenant is a dimension only through <see cref="TenantTag"/> (capped);
/// user ids never are.
/// </summary>
public static class EdTechTelemetry
{
    public const string Name = "EdTech";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Acknowledged submissions (202), by tenant (capped).</summary>
    public static readonly Counter<long> SubmissionsAccepted = Meter.CreateCounter<long>(
        "edtech.submissions.accepted", "{submission}", "Submissions acknowledged (stored, 202)");

    /// <summary>Refused submissions, by reason (a fixed set: the problem kind or the field) and tenant (capped).</summary>
    public static readonly Counter<long> SubmissionsRejected = Meter.CreateCounter<long>(
        "edtech.submissions.rejected", "{submission}", "Submissions refused, by reason");

    /// <summary>Receive time to the grade written (auto-graded or released in the same write).</summary>
    public static readonly Histogram<double> SubmitToGraded = Meter.CreateHistogram<double>(
        "edtech.submission.graded.duration", "s", "Submission received to graded");

    /// <summary>Receive time to the result released to the student.</summary>
    public static readonly Histogram<double> SubmitToReleased = Meter.CreateHistogram<double>(
        "edtech.submission.released.duration", "s", "Submission received to released");

    /// <summary>Age of the oldest change of a batch when it is handed to its handler, by handler.</summary>
    public static readonly Histogram<double> ChangeFeedLag = Meter.CreateHistogram<double>(
        "edtech.changefeed.lag", "s", "Age of the oldest change of a batch at delivery");

    /// <summary>Changes handed to a handler, by handler and outcome (handled, poisoned, dropped).</summary>
    public static readonly Counter<long> ChangeFeedChanges = Meter.CreateCounter<long>(
        "edtech.changefeed.changes", "{change}", "Changes delivered to a change-feed handler");

    /// <summary>Handler invocations (batches handed to a handler, retries and one-at-a-time re-deliveries included), by handler.</summary>
    public static readonly Counter<long> ChangeFeedBatches = Meter.CreateCounter<long>(
        "edtech.changefeed.batches", "{batch}", "Change-feed batches handed to a handler (one per handler invocation)");

    /// <summary>Documents written by the store adapter (SQLite or Cosmos DB), by container and op (create, replace, delete); see <see cref="StoreWriteMetrics"/>.</summary>
    public static readonly Counter<long> StoreWrites = Meter.CreateCounter<long>(
        "edtech.store.writes", "{write}", "Documents written to the store (create, replace, delete)");

    /// <summary>429 answers, by tenant (capped) and limit (tenant, user, submit, simulation).</summary>
    public static readonly Counter<long> Throttled = Meter.CreateCounter<long>(
        "edtech.requests.throttled", "{request}", "Requests refused with 429");

    /// <summary>Cache reads, by cache and result (hit or miss): the hit ratio is hit / (hit + miss).</summary>
    public static readonly Counter<long> CacheReads = Meter.CreateCounter<long>(
        "edtech.cache.reads", "{read}", "Cache reads by result");

    /// <summary>Chat-model tokens (input + output) spent by tagging, by tenant (capped).</summary>
    public static readonly Counter<long> TaggingTokens = Meter.CreateCounter<long>(
        "edtech.tagging.tokens", "{token}", "Chat-model tokens spent on tagging");

    /// <summary>Spans that ended in error, by span name: counted whatever the sampling decided (docs/observability.md "Sampling and errors").</summary>
    public static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "edtech.errors", "{error}", "Spans that ended with status Error");

    /// <summary>Marks <paramref name="activity"/> failed (status Error, the exception as an event); null-safe.</summary>
    public static void Fail(Activity? activity, Exception error)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        activity.AddException(error);
    }
}
