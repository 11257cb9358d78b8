using EdTech.Cli.Commands.Telemetry;

namespace EdTech.Cli.Tests.Commands.Telemetry;

/// <summary>
/// The analyzer's breakdown check on a recorded run (docs/slo.md "The recorded run in the repository"): fixtures/sustained.otlp.jsonl is the LocalHost's
/// OTLP file of `edtech load sustained --rate 10 --seconds 10 --sample-every 1` (Debug build, shared 2-core machine, sampling 1),
/// trimmed to the journey's spans (the student polls, the setup requests and the projections other than submission-projection and
/// learner-state removed; metrics other than the released histogram and the tenant counters removed); fixtures/sustained.load.txt
/// is the load run's own output.
/// </summary>
public class RecordedRunTests
{
    private static TelemetryReport Recorded()
    {
        using var reader = File.OpenText(Repo.Fixture("sustained.otlp.jsonl"));
        return TelemetryAnalyzer.Analyze(OtlpFile.Read(reader));
    }

    [Fact]
    public void CriticalPath_RecordedSustainedRun_HopsAddUpToTheTracedSubmitToReleasedWithin10Percent()
    {
        var path = Recorded().CriticalPath;

        Assert.Equal(100, path.Traces); // every acknowledged submission's journey is whole
        Assert.Equal(0, path.Incomplete);
        // The breakdown adds up: the hop means sum to the traced mean, and the hops' absolute durations (a hop out of order
        // counts against it twice) stay within 10 % of the traced submit → released.
        Assert.Equal(path.MeanMs, path.SumOfHopsMs, 6);
        Assert.InRange(path.AbsoluteHopsRatio, 1.0, 1.1);
    }

    [Fact]
    public void CriticalPath_RecordedSustainedRun_FollowsLinksIntoGradingBatchesOfOtherTraces()
    {
        var path = Recorded().CriticalPath;

        // 13 submissions were graded by a GradeBatch whose trace started at a change-feed batch of several requests: their
        // submission.released links to the batch activity, whose ancestors are the orchestration and grading.start.
        Assert.Equal(13, path.LinkedTraces);
        Assert.Equal(0, path.Hops.Single(h => h.Hop == "grading (batched)").TotalMs);
        Assert.All(path.Hops.Take(5), h => Assert.True(h.TotalMs > 0, h.Hop));
    }

    [Fact]
    public void Slos_RecordedSustainedRun_EveryJourneyCountedAndReleasedWithin30s()
    {
        var journey = Recorded().Slos.Single(s => s.Id == "submit-to-released");

        Assert.Equal(100, journey.Total);
        Assert.Equal(0, journey.Bad);
    }

    [Fact]
    public void CompareWithLoad_RecordedRun_ReadsTheServerSideFigureAndComparesTheTracedJourney()
    {
        var path = Recorded().CriticalPath;
        var load = new FileInfo(Repo.Fixture("sustained.load.txt"));

        var comparison = TelemetryAnalyzer.CompareWithLoad(path, TelemetryCommand.LoadResult(load)!, TelemetryCommand.LoadResult(load, "serverSubmitToReleased"));

        // The load run's RESULT: serverSubmitToReleased p50 21.1034, p99 546.865 over 100; traced p99 606.0345 ms.
        var server = comparison.ServerSide!;
        Assert.Equal((100, 21.1034, 546.865), (server.Measured.Count, server.Measured.P50Ms, server.Measured.P99Ms));
        Assert.Equal(606.0345, server.Traced.P99Ms, 3);
        Assert.Equal((606.0345 - 546.865) / 546.865 * 100, server.P99DifferencePercent, 3);
    }
}
