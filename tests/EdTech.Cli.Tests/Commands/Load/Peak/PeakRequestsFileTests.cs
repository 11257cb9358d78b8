using EdTech.Cli.Commands.Load;
using EdTech.Cli.Commands.Load.Peak;

namespace EdTech.Cli.Tests.Commands.Load.Peak;

public sealed class PeakRequestsFileTests
{
    [Fact]
    public async Task WriteRequestsAsync_OneLinePerStudent_TokenKeyAndBodySplitByTabs()
    {
        var path = Path.GetTempFileName();
        try
        {
            var students = Enumerable.Range(0, 3).Select(i =>
            {
                var answers = ExamPaper.AnswersFor(ExamPaper.PatternOf(i));
                return new StudentRun($"s{i}", $"ey.token{i}.sig", LoadApi.Serialize(new { answers = answers.Select(a => new { itemId = a.ItemId, value = a.Value }) }), $"run-s{i}", ExamPaper.ExpectedScore(answers));
            }).ToList();

            await PeakBenchmark.WriteRequestsAsync(path, students, CancellationToken.None);

            var lines = await File.ReadAllLinesAsync(path);
            Assert.Equal(3, lines.Length);
            var fields = lines[2].Split('\t');
            Assert.Equal(3, fields.Length);   // what peak.lua's pattern "^([^\t]*)\t([^\t]*)\t(.*)$" expects
            Assert.Equal(("ey.token2.sig", "run-s2"), (fields[0], fields[1]));
            Assert.StartsWith("{\"answers\":[{\"itemId\":\"q1\"", fields[2], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
