using EdTech.Cli.Commands.Load.Peak;

namespace EdTech.Cli.Tests.Commands.Load.Peak;

public sealed class PeakReportTests
{
    private static readonly WrkSummary Burst = new(20000, 4_000_000, 0, 0, 20_000, 40_000, 45_000, 90_000, 0);

    private static PeakReport Report(double? writeModel = 3, double? views = 5, double? gradebook = 4, int studentMismatches = 0) =>
        new("t", "a", 20000, 64, 2, Burst, writeModel, views, 1.5, gradebook, 1, 20000, studentMismatches, 20000, 0, 0,
            views is null, [], true, CeilingLine.Parse("durable ack (group commit) 20000 req/s"), 4.2);

    [Fact]
    public void ReleasedAndVisible_IsTheLatestOfWriteModelStudentViewsAndGradebook_AndDrivesEndToEnd()
    {
        var report = Report(writeModel: 3, views: 5, gradebook: 6);

        Assert.Equal(6, report.ReleasedAndVisibleSeconds);
        Assert.Equal(2000, report.EndToEndPerSecond);   // 20,000 / (4 s burst + 6 s)
        Assert.Equal(0.25, report.CeilingRatio);        // 5,000/s of 20,000/s
        Assert.True(report.Passed);
    }

    [Fact]
    public void ReleasedAndVisible_WithAStepNeverReached_IsNaAndFails()
    {
        var report = Report(views: null);

        Assert.Null(report.ReleasedAndVisibleSeconds);
        Assert.Null(report.EndToEndPerSecond);
        Assert.False(report.Passed);
        var output = new StringWriter();
        report.Print(output);
        Assert.Contains("end to end submissions/s        n/a", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Passed_AWrongScore_Fails()
    {
        Assert.False(Report(studentMismatches: 1).Passed);
    }
}
