using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using EdTech.Application.Telemetry;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Telemetry;

/// <summary>The "EdTech" meter's domain metrics, with the names and dimensions docs/observability.md lists, from real requests.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class DomainMetricsTests : IDisposable
{
    private readonly ConcurrentQueue<(string Name, double Value, Dictionary<string, object?> Tags)> _measured = new();
    private readonly MeterListener _listener = new();
    private readonly int _tenantLimit = TenantTag.Limit;

    public DomainMetricsTests()
    {
        // The tenant cap is per process and the whole test run has made hundreds of tenants: room for this test's own.
        TenantTag.Limit = int.MaxValue;
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EdTechTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        TenantTag.Limit = _tenantLimit;
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measured.Enqueue((instrument.Name, value, copy));
    }

    private List<(string Name, double Value, Dictionary<string, object?> Tags)> Of(string name) => [.. _measured.Where(m => m.Name == name)];

    [Fact]
    public async Task SubmitGradeRelease_RecordsAcceptedRejectedLatenciesFeedLagAndCacheReads()
    {
        using var factory = new ApiFactory();
        var client = factory.CreateClient();
        var school = await School.CreateAsync(factory, client);

        var submissionId = await school.SubmitAsync(school.Student1);
        var (invalid, _, _) = await client.PostAsync($"/api/student/assessments/{school.Quiz}/submissions", school.Student2, new { answers = new[] { new { itemId = "nope", value = "1" } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid);
        await school.WaitForStatusAsync(school.Student1, submissionId);
        await Settled.FeedAsync(factory);
        foreach (var _ in Enumerable.Range(0, 2))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/teacher/courses/{school.Course}/gradebook", school.Teacher)).Status);
        }

        var accepted = Assert.Single(Of("edtech.submissions.accepted"), m => Equals(m.Tags[TenantTag.Key], school.Tenant));
        Assert.Equal(1, accepted.Value);
        var rejected = Assert.Single(Of("edtech.submissions.rejected"), m => Equals(m.Tags[TenantTag.Key], school.Tenant));
        Assert.Equal("validation", rejected.Tags[SubmissionMetrics.ReasonTag]);
        // The quiz releases immediately: graded and released in one write, both latencies recorded, no tenant on histograms.
        var graded = Assert.Single(Of("edtech.submission.graded.duration"));
        var released = Assert.Single(Of("edtech.submission.released.duration"));
        Assert.InRange(graded.Value, 0, 60);
        Assert.Equal(graded.Value, released.Value);
        Assert.Empty(graded.Tags);
        Assert.Contains(Of("edtech.changefeed.lag"), m => Equals(m.Tags[ChangeFeedSpans.HandlerTag], "start-grading") && m.Value >= 0);
        Assert.Contains(Of("edtech.changefeed.changes"), m => Equals(m.Tags[ChangeFeedSpans.HandlerTag], "submission-insights") && Equals(m.Tags["edtech.changefeed.outcome"], "handled"));
        var reads = Of("edtech.cache.reads").Where(m => Equals(m.Tags["edtech.cache"], "teacher-query")).Select(m => m.Tags["edtech.cache.result"]).ToList();
        Assert.Equal(["miss", "hit"], reads);
        // Never a user id in any dimension.
        Assert.DoesNotContain(_measured, m => m.Tags.Values.Any(v => v is string s && (s == "s1" || s == "s2" || s == "t1")));
    }

    [Fact]
    public async Task SubmitOverTheUserLimit_Counts429ByTenantAndLimit()
    {
        using var factory = new ApiFactory { Settings = new Dictionary<string, string> { ["RateLimits:SubmitPerUserPerMinute"] = "1" } };
        var client = factory.CreateClient();
        var school = await School.CreateAsync(factory, client);

        await school.SubmitAsync(school.Student1);
        var (second, _, _) = await client.PostAsync($"/api/student/assessments/{school.Quiz}/submissions", school.Student1, School.PerfectAnswers);

        Assert.Equal(HttpStatusCode.TooManyRequests, second);
        var throttled = Assert.Single(Of("edtech.requests.throttled"), m => Equals(m.Tags[TenantTag.Key], school.Tenant));
        Assert.Equal("rate", throttled.Tags["edtech.limit"]);
    }
}
