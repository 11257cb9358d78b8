using System.Collections.Concurrent;
using System.Diagnostics;
using EdTech.Application.Storage;
using EdTech.Application.Telemetry;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Tests.Grading;

/// <summary>
/// A grading batch in its own trace still ends each submission's trace with "submission.released" (the submit → released SLO's
/// end span): its parent is the context stored with the version the grader read, the batch span is only linked.
/// </summary>
public sealed class SubmissionReleasedSpanTests : IAsyncLifetime, IDisposable
{
    private readonly GradingWorld _world = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SubmissionReleasedSpanTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == EdTechTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    public void Dispose() => _listener.Dispose();

    /// <summary>Writes the submission under its own root span (as the submit request does) and returns the stored traceparent.</summary>
    private async Task<string> SubmitInOwnTraceAsync(string id, string assessmentId)
    {
        using (var request = EdTechTelemetry.Source.StartActivity(ActivityKind.Server, default(ActivityContext), name: "submit " + id))
        {
            await _world.AddSubmissionAsync(GradingWorld.Submission(id, assessmentId, SubmissionStatus.Accepted, user: "u-" + id));
        }

        return (await _world.DocumentAsync(Containers.Submissions, id)).TraceParent!;
    }

    /// <summary>
    /// The one span of that name for that submission in the submission's own trace: the listener hears every test running in
    /// parallel in this assembly, and other tests grade submissions with the same ids.
    /// </summary>
    private Activity Span(string name, string submissionId, string storedTraceParent) =>
        Assert.Single(_stopped, a => a.DisplayName == name
            && Equals(a.GetTagItem(SubmissionSpans.SubmissionTag), submissionId)
            && a.TraceId.ToString() == storedTraceParent.Split('-')[1]);

    [Fact]
    public async Task GradeBatch_SubmissionsOfOtherTraces_EachReleasedSpanIsAChildOfItsStoredContext()
    {
        await _world.AddAssessmentAsync("immediate", GradingWorld.Policy(ReleasePolicy.Immediate));
        var first = await SubmitInOwnTraceAsync("s-1", "immediate");
        var second = await SubmitInOwnTraceAsync("s-2", "immediate");

        using (var batch = EdTechTelemetry.Source.StartActivity(ActivityKind.Internal, default(ActivityContext), name: "grade batch"))
        {
            await _world.Grader().GradeBatchAsync(GradingWorld.Tenant, ["s-1", "s-2"], default);
            foreach (var (id, stored) in new[] { ("s-1", first), ("s-2", second) })
            {
                var released = Span(SloCatalog.ReleasedOperation, id, stored);
                Assert.Equal(ActivityKind.Server, released.Kind);
                Assert.Equal(stored.Split('-')[1], released.TraceId.ToString());
                Assert.Equal(stored.Split('-')[2], released.ParentSpanId.ToString());
                Assert.Equal(batch!.TraceId, Assert.Single(released.Links).Context.TraceId);
                Assert.Equal(GradingWorld.Tenant.Value, released.GetTagItem(TenantTag.Key));
                // The released version is stored under that span: what the change feed does next continues the submission's trace.
                Assert.Equal(released.Id, (await _world.DocumentAsync(Containers.Submissions, id)).TraceParent);
            }
        }
    }

    [Fact]
    public async Task ReleaseMany_GradedEarlierInABatch_ReleasedSpanStaysInTheSubmissionsTrace()
    {
        await _world.AddAssessmentAsync("later", GradingWorld.Policy(ReleasePolicy.Scheduled, GradingWorld.Now.AddHours(1)));
        var stored = await SubmitInOwnTraceAsync("s-1", "later");
        using (EdTechTelemetry.Source.StartActivity(ActivityKind.Internal, default(ActivityContext), name: "grade batch"))
        {
            await _world.Grader().GradeBatchAsync(GradingWorld.Tenant, ["s-1"], default);
        }

        var graded = Span(SubmissionSpans.GradedName, "s-1", stored);
        Assert.Equal(stored.Split('-')[1], graded.TraceId.ToString());
        // Graded without release by policy: the journey SLO leaves this trace out (SloCatalog.SubmitToReleased).
        Assert.Equal(SubmissionSpans.ReleaseDeferred, graded.GetTagItem(SubmissionSpans.ReleaseTag));

        _world.Clock.Advance(TimeSpan.FromHours(2));
        using (EdTechTelemetry.Source.StartActivity(ActivityKind.Internal, default(ActivityContext), name: "release job"))
        {
            Assert.Equal(1, await _world.Grader().ReleaseManyAsync(GradingWorld.Tenant, ["s-1"], default));
        }

        var released = Span(SloCatalog.ReleasedOperation, "s-1", stored);
        Assert.Equal(stored.Split('-')[1], released.TraceId.ToString());
        Assert.Equal(graded.SpanId, released.ParentSpanId);
    }
}
