using System.CommandLine;
using EdTech.Cli.Commands.Telemetry;
using Microsoft.Extensions.AI;

namespace EdTech.Cli.Tests.Commands.Telemetry;

/// <summary>
/// `--summarize` on fixtures/journey.otlp.jsonl: acceptance availability 3 requests, 1 answered 500 (burn (1/3) / 0.001 = 333.33);
/// submit → released mean 450 ms over 2 traces; the grading hop 560 ms in all, a 62.2 % share.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class TelemetrySummaryTests
{
    private const string Grounded = "Acceptance availability is not met: 1 of 3 submit requests answered a server error, a burn rate of 333.33. " +
        "Submit -> released took 450 ms on average over 2 traces, and grading (and immediate release) is the longest hop with 560 ms in all (62.2 %).";

    private const string Invented = "Submit -> released took 450 ms on average, 98.7 % slower than yesterday.";

    private static async Task<(int Exit, string Output)> Run(Func<IChatClient?> chat, params string[] extra)
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            string[] args = ["telemetry", "analyze", Repo.Fixture("journey.otlp.jsonl"), "--summarize", .. extra];
            var exit = await new RootCommand { TelemetryCommand.Create(chat) }.Parse(args).InvokeAsync();
            return (exit, output.ToString());
        }
        finally
        {
            Console.SetOut(previous);
        }
    }

    [Fact]
    public async Task Summarize_GroundedSummary_PrintedAfterTheTables()
    {
        var chat = new ScriptedChatClient(Grounded);

        var (exit, output) = await Run(() => chat);

        Assert.Equal(0, exit);
        Assert.Contains("summary (grounded: every figure is in the report):\n" + Grounded, output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var call = Assert.Single(chat.Calls);
        // Prompted with the report's JSON only (after the instructions).
        Assert.Equal([ChatRole.System, ChatRole.User], call.Select(m => m.Role));
        Assert.StartsWith("{", call[1].Text, StringComparison.Ordinal);
        Assert.Contains("\"criticalPath\"", call[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summarize_InventedFigureTwice_RejectedAndTablesPrintedWithoutSummary()
    {
        var chat = new ScriptedChatClient(Invented, Invented);

        var (exit, output) = await Run(() => chat);

        Assert.Equal(0, exit);
        Assert.DoesNotContain(Invented, output, StringComparison.Ordinal);
        Assert.Contains("no summary: rejected 2 times (figures not in the report: 98.7;", output, StringComparison.Ordinal);
        Assert.Contains("submit -> released by hop", output, StringComparison.Ordinal);
        // The retry names the violation.
        Assert.Equal(2, chat.Calls.Count);
        Assert.Contains("figures not in the report: 98.7", chat.Calls.Last()[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summarize_InventedThenGrounded_PrintsTheRetriedSummary()
    {
        var chat = new ScriptedChatClient(Invented, Grounded);

        var (_, output) = await Run(() => chat, "--json");

        Assert.Contains("\"text\": \"Acceptance availability is not met", output, StringComparison.Ordinal);
        Assert.Contains("grounded on attempt 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summarize_NoModel_TablesOnlyAndOneLineSayingSo()
    {
        var (exit, output) = await Run(() => null);

        Assert.Equal(0, exit);
        Assert.Contains("submit -> released by hop", output, StringComparison.Ordinal);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("summary", StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("no summary: no chat model configured", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("450 ms", true)]
    [InlineData("450.0 ms", true)] // the same figure at one decimal
    [InlineData("333.3 and 333", true)] // 333.333… rounded to the precision written
    [InlineData("62.2 %", true)] // the share 0.6222… as a percentage
    [InlineData("0.45 s", true)] // 450 ms in seconds
    [InlineData("p99 of t1", true)] // p99 and t1 are names, not figures
    [InlineData("333.4", false)] // not the rounding of 333.333…
    [InlineData("62.3 %", false)]
    [InlineData("1,450 ms", false)] // 1450: no such figure
    public void Violations_FigureFormattingAndRounding_FollowTheRule(string summary, bool grounded)
    {
        using var reader = File.OpenText(Repo.Fixture("journey.otlp.jsonl"));
        var report = TelemetryAnalyzer.Analyze(OtlpFile.Read(reader));

        Assert.Equal(grounded, SummaryGrounding.Violations(summary, report).Count == 0);
    }

    [Fact]
    public void Violations_ThousandsSeparator_ReadAsOneFigure()
    {
        var figures = SummaryGrounding.Figures("18,208 ms and 1,234.5 ms").Select(f => (f.Value, f.Decimals)).ToList();

        Assert.Equal([(18208.0, 0), (1234.5, 1)], figures);
    }
}
