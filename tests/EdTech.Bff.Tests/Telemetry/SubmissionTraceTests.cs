using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Telemetry;

/// <summary>
/// One submission's journey is one trace on the LocalHost: the request, the change-feed consumers, the grading orchestration
/// and its activities, and the projection that writes the student's view (docs/observability.md "Traces").
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class SubmissionTraceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Submit_WithTracingOn_RequestFeedOrchestrationAndProjectionShareTheTrace()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var factory = TracedApi.Create(spans);
        var client = factory.CreateClient();
        var school = await School.CreateAsync(factory, client);

        // The caller's own trace context: the request continues it, so the journey's trace id is known.
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/student/assessments/{school.Quiz}/submissions")
        {
            Content = new StringContent(JsonSerializer.Serialize(School.PerfectAnswers), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", school.Student1);
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var submissionId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("submissionId").GetString()!;
        await school.WaitForStatusAsync(school.Student1, submissionId);

        bool InTrace(Activity s) => s.TraceId == trace || s.Links.Any(l => l.Context.TraceId == trace);
        var seen = await TracedApi.WaitForAsync(spans, all =>
            all.Any(s => InTrace(s) && s.DisplayName == "changefeed submission-projection" && s.TraceId == trace)
            && all.Any(s => s.TraceId == trace && s.DisplayName == "activity:GradeBatchActivity")
            && all.Any(s => s.TraceId == trace && s.DisplayName == "orchestration:GradeBatchOrchestrator")
            && all.Any(s => s.TraceId == trace && s.DisplayName == "submission.released"));
        var journey = seen.Where(InTrace).ToList();
        output.WriteLine(TracedApi.Describe(journey));

        Assert.Contains(journey, s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server && s.TraceId == trace);
        Assert.Contains(journey, s => s.DisplayName == "changefeed start-grading" && s.TraceId == trace);
        var start = Assert.Single(journey, s => s.DisplayName == "grading.start");
        Assert.Equal(submissionId, start.GetTagItem("edtech.submission.id"));
        var create = Assert.Single(journey, s => s.DisplayName == "create_orchestration:GradeBatchOrchestrator");
        Assert.Equal(start.SpanId, create.ParentSpanId);
        Assert.Contains(journey, s => s.DisplayName == "orchestration:GradeBatchOrchestrator" && s.TraceId == trace);
        Assert.Contains(journey, s => s.DisplayName == "activity:GradeBatchActivity" && s.TraceId == trace);
        // The engine's own gRPC plumbing (the LocalHost sidecar) is filtered out: only the SDK's durable spans stand for it.
        Assert.DoesNotContain(seen, s => s.DisplayName.Contains("TaskHubSidecarService", StringComparison.Ordinal));
        // The journey SLO's end span (SloCatalog.ReleasedOperation): a Server span (App Insights `requests`) in the submission's trace.
        var released = Assert.Single(journey, s => s.DisplayName == "submission.released");
        Assert.Equal((ActivityKind.Server, trace), (released.Kind, released.TraceId));
        Assert.Equal(submissionId, released.GetTagItem("edtech.submission.id"));
        // The released submission was written under that span: its consumer continues the same trace.
        Assert.Contains(journey, s => s.DisplayName == "changefeed submission-projection" && s.TraceId == trace);
    }
}
