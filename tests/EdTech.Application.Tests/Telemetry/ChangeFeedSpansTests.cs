using System.Diagnostics;
using EdTech.Application.Storage;
using EdTech.Application.Telemetry;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Telemetry;

/// <summary>The consumer span continues the writer's trace for a one-trace batch and links every trace of a mixed batch.</summary>
public sealed class ChangeFeedSpansTests : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = s => s.Name == EdTechTelemetry.Name,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public ChangeFeedSpansTests() => ActivitySource.AddActivityListener(_listener);

    public void Dispose() => _listener.Dispose();

    private static StoredDocument Change(string id, string? traceParent) =>
        new(new TenantId("t1"), Containers.Submissions, id, "c1", "{}", "\"e\"", 1, DateTimeOffset.UnixEpoch) { TraceParent = traceParent };

    private static string NewTraceParent() => $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";

    [Fact]
    public void Start_OneDocumentWithAStoredContext_IsItsChild()
    {
        var writer = NewTraceParent();

        using var span = ChangeFeedSpans.Start("start-grading", [Change("s1", writer)], TimeSpan.FromSeconds(2));

        Assert.NotNull(span);
        Assert.Equal(writer.Split('-')[1], span.TraceId.ToString());
        Assert.Equal(writer.Split('-')[2], span.ParentSpanId.ToString());
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal("changefeed start-grading", span.DisplayName);
        Assert.Equal(2000L, span.GetTagItem("edtech.changefeed.lag_ms"));
        Assert.Empty(span.Links);
    }

    [Fact]
    public void Start_ABatchOfSeveralTraces_StartsItsOwnTraceLinkedToEach()
    {
        string[] writers = [NewTraceParent(), NewTraceParent(), NewTraceParent()];

        using var span = ChangeFeedSpans.Start("submission-projection", [Change("s1", writers[0]), Change("s2", writers[1]), Change("s3", null), Change("s4", writers[2])], TimeSpan.Zero);

        Assert.NotNull(span);
        Assert.DoesNotContain(writers, w => w.Contains(span.TraceId.ToString(), StringComparison.Ordinal));
        Assert.Equal(writers.Select(w => w.Split('-')[1]), span.Links.Select(l => l.Context.TraceId.ToString()));
        Assert.Equal(4, span.GetTagItem("messaging.batch.message_count"));
    }

    [Fact]
    public void StartForDocument_InsideABatchSpan_JoinsTheDocumentsTraceAndLinksTheBatch()
    {
        var writer = NewTraceParent();
        using var batch = ChangeFeedSpans.Start("start-grading", [Change("s1", NewTraceParent()), Change("s2", writer)], TimeSpan.Zero);

        using var own = ChangeFeedSpans.StartForDocument("grading.start", Change("s2", writer));

        Assert.NotNull(own);
        Assert.Equal(writer.Split('-')[1], own.TraceId.ToString());
        Assert.Equal(batch!.TraceId, Assert.Single(own.Links).Context.TraceId);
    }

    [Fact]
    public void StartForDocuments_AChunkOfOneRequestsWrites_JoinsThatTrace()
    {
        var writer = NewTraceParent();
        using var batch = ChangeFeedSpans.Start("start-grading", [Change("s1", writer), Change("s2", writer)], TimeSpan.Zero);

        using var span = ChangeFeedSpans.StartForDocuments("grading.start", [Change("s1", writer), Change("s2", writer)]);

        Assert.NotNull(span);
        Assert.Equal(writer.Split('-')[1], span.TraceId.ToString());
        Assert.Equal(writer.Split('-')[2], span.ParentSpanId.ToString());
    }

    [Fact]
    public void StartForDocuments_AChunkOfSeveralTraces_IsAChildOfTheBatchSpanLinkedToEach()
    {
        string[] writers = [NewTraceParent(), NewTraceParent()];
        using var batch = ChangeFeedSpans.Start("start-grading", [Change("s1", writers[0]), Change("s2", writers[1])], TimeSpan.Zero);

        using var span = ChangeFeedSpans.StartForDocuments("grading.start", [Change("s1", writers[0]), Change("s2", writers[1]), Change("s3", null), Change("s4", writers[0])]);

        Assert.NotNull(span);
        Assert.Equal(batch!.TraceId, span.TraceId);
        Assert.Equal(batch.SpanId, span.ParentSpanId);
        Assert.Equal(writers.Select(w => w.Split('-')[1]), span.Links.Select(l => l.Context.TraceId.ToString()));
    }

    [Fact]
    public void Start_MalformedStoredContext_IsIgnored()
    {
        using var span = ChangeFeedSpans.Start("start-grading", [Change("s1", "not-a-traceparent")], TimeSpan.Zero);

        Assert.NotNull(span);
        Assert.Equal(default, span.ParentSpanId);
        Assert.Empty(span.Links);
    }
}
