using System.CommandLine;
using System.Text.Json;
using EdTech.Cli.Commands.Evaluate;
using EdTech.Domain.Learning.BktModel;

namespace EdTech.Cli.Tests.Commands.Evaluate;

public class EvaluateCommandTests
{
    private static readonly string[] Sections = ["irt2pl", "bkt", "elo", "prediction"];

    [Fact]
    public async Task LearnerModels_WithSeed_PrintsOneJsonObjectMeetingLooseBars()
    {
        var output = new StringWriter();
        var exit = await new RootCommand { EvaluateCommand.Create(output) }.Parse("evaluate learner-models --seed 2").InvokeAsync();

        Assert.Equal(0, exit);
        var text = output.ToString().Trim();
        Assert.DoesNotContain('\n', text);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(Sections, root.EnumerateObject().Select(p => p.Name));

        var irt = root.GetProperty("irt2pl");
        Assert.Equal(1000, irt.GetProperty("persons").GetInt32());
        Assert.Equal(20, irt.GetProperty("items").GetInt32());
        Assert.True(irt.GetProperty("difficultyR").GetDouble() > 0.97);
        Assert.True(irt.GetProperty("difficultyRmse").GetDouble() < 0.3);
        Assert.True(irt.GetProperty("discriminationR").GetDouble() > 0.8);
        Assert.True(irt.GetProperty("fitMs").GetDouble() > 0);

        var bkt = root.GetProperty("bkt");
        Assert.Equal(2000, bkt.GetProperty("students").GetInt32());
        Assert.Equal(10, bkt.GetProperty("steps").GetInt32());
        Assert.True(bkt.GetProperty("maxParamError").GetDouble() < 0.05);
        Assert.True(bkt.GetProperty("fitMs").GetDouble() > 0);

        var elo = root.GetProperty("elo");
        Assert.Equal(10000, elo.GetProperty("responses").GetInt32());
        Assert.True(elo.GetProperty("difficultyR").GetDouble() > 0.95);

        var auc = root.GetProperty("prediction").GetProperty("auc").GetDouble();
        var oracle = root.GetProperty("prediction").GetProperty("oracleAuc").GetDouble();
        Assert.InRange(auc, 0.6, oracle + 0.01);
        Assert.True(oracle - auc < 0.05);
    }

    [Fact]
    public void Run_SameSeed_GivesTheSameFigures()
    {
        static LearnerModelReport WithoutTimes(LearnerModelReport r) =>
            r with { Irt2pl = r.Irt2pl with { FitMs = 0 }, Bkt = r.Bkt with { FitMs = 0 } };

        Assert.Equal(WithoutTimes(EvaluateCommand.Run(5)), WithoutTimes(EvaluateCommand.Run(5)));
    }

    [Fact]
    public void Parse_NonNumericSeed_ReportsAnError()
    {
        Assert.NotEmpty(new RootCommand { EvaluateCommand.Create() }.Parse("evaluate learner-models --seed abc").Errors);
    }
}
