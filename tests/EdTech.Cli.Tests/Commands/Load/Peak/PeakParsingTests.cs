using EdTech.Cli.Commands.Load.Peak;

namespace EdTech.Cli.Tests.Commands.Load.Peak;

public sealed class PeakParsingTests
{
    private const string WrkOutput = """
        Running 5m test @ http://127.0.0.1:7071
          2 threads and 64 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency    25.10ms   20.02ms 160.26ms   89.44%
          Latency Distribution
             50%   21.36ms
             99%   81.08ms
          20000 requests in 4.00s, 3.28MB read
          Non-2xx or 3xx responses: 7
        Requests/sec:   5000.00
        PEAK requests=20002 duration_us=4000000 non202=7 extra=2 p50_us=21360 p90_us=45000 p99_us=81080 max_us=160264 errors_connect=0 errors_read=1 errors_write=0 errors_timeout=2
        """;

    [Fact]
    public void WrkSummary_Parse_ReadsThePeakLine()
    {
        var wrk = WrkSummary.Parse(WrkOutput);

        Assert.Equal(20002, wrk.Requests);
        Assert.Equal(19995, wrk.Acknowledged);
        Assert.Equal(5, wrk.Refused);
        Assert.Equal(3, wrk.SocketErrors);
        Assert.Equal(81080, wrk.P99Us);
        Assert.Equal(4.0, wrk.Seconds);
        Assert.Equal(4998.75, wrk.AcknowledgedPerSecond, 6);
    }

    [Theory]
    [InlineData(9_399_587, false)]
    [InlineData(298_999_999, false)]
    [InlineData(300_002_629, true)]
    public void WrkSummary_RanToCap_IsTheCapReachedInsteadOfTheScriptsStop(long durationUs, bool capped)
    {
        var wrk = new WrkSummary(20_000, durationUs, 0, 0, 1, 2, 3, 4, 0);

        Assert.Equal(capped, wrk.RanToCap(TimeSpan.FromSeconds(300)));
    }

    [Fact]
    public void WrkSummary_Parse_WithoutAPeakLine_Throws()
    {
        Assert.Throws<FormatException>(() => WrkSummary.Parse("Requests/sec: 5000.00\n"));
        Assert.Throws<FormatException>(() => WrkSummary.Parse("PEAK requests=1 duration_us=x\n"));
    }

    [Fact]
    public void CeilingLine_Parse_ReadsTheThreeFiguresAndTheRatio()
    {
        var ceiling = CeilingLine.Parse("ceiling: health 61234 req/s, jwt+json 30120 req/s, durable ack (group commit) 22500 req/s\n");

        Assert.Equal(61234, ceiling.Health);
        Assert.Equal(30120, ceiling.JwtJson);
        Assert.Equal(22500, ceiling.DurableAck);
        Assert.Equal(0.2, ceiling.Ratio(4500)!.Value, 6);
    }

    [Fact]
    public void CeilingLine_Parse_FailedRun_HasNoRatio()
    {
        var ceiling = CeilingLine.Parse("FAIL: ceiling app build\n");

        Assert.Null(ceiling.DurableAck);
        Assert.Null(ceiling.Ratio(4500));
    }

    [Theory]
    [InlineData(20000, 4.0, 6.0, 2000.0)]
    [InlineData(20000, 8.0, 31.0, 512.8205128205)]
    [InlineData(0, 0.0, 0.0, 0.0)]
    public void EndToEndPerSecond_IsSubmissionsOverBurstPlusRelease(long submissions, double burst, double release, double expected)
    {
        Assert.Equal(expected, PeakMath.EndToEndPerSecond(submissions, burst, release), 6);
    }
}
