using System.CommandLine;
using System.Text.Json;
using EdTech.Cli.Commands.Evaluate;

namespace EdTech.Cli.Tests.Commands.Evaluate;

public sealed class EvaluateTaggingTests
{
    private static readonly string[] Fields =
        ["tagger", "items", "skills", "precisionAt1", "recallAt3", "suggestedRecall", "meanSuggested", "difficultySpearman", "difficultyExact",
         "itemsPerSecond", "itemsPerCpuSecond", "indexBuildMs", "coldStartMs", "misses"];

    [Fact]
    public async Task Tagging_OnASliceOfTheFixture_PrintsOneJsonObjectWithTheFigures()
    {
        var output = new StringWriter();
        var exit = await new RootCommand { EvaluateCommand.Create(output) }.Parse(["evaluate", "tagging", "--fixture", FixturePath(), "--limit", "30"]).InvokeAsync();

        Assert.Equal(0, exit);
        var text = output.ToString().Trim();
        Assert.DoesNotContain('\n', text);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(Fields, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("offline", root.GetProperty("tagger").GetProperty("name").GetString());
        Assert.Equal(30, root.GetProperty("items").GetInt32());
        Assert.Equal(22, root.GetProperty("skills").GetInt32());
        Assert.InRange(root.GetProperty("precisionAt1").GetDouble(), 0, 1);
        Assert.InRange(root.GetProperty("recallAt3").GetDouble(), root.GetProperty("precisionAt1").GetDouble() - 0.5, 1);
        Assert.InRange(root.GetProperty("difficultySpearman").GetDouble(), -1, 1);
        Assert.True(root.GetProperty("itemsPerSecond").GetDouble() > 0);
        Assert.Empty(root.GetProperty("misses").EnumerateArray());
    }

    [Fact]
    public void Run_OnTheWholeFixture_MeetsTheQualityTargets()
    {
        var report = TaggingEvaluation.Run(TaggingFixture.Read(FixturePath()));

        Assert.True(report.Items >= 150, $"{report.Items} items");
        Assert.True(report.PrecisionAt1 >= 0.80, $"precision@1 {report.PrecisionAt1}");
        Assert.True(report.RecallAt3 >= 0.90, $"recall@3 {report.RecallAt3}");
        Assert.True(report.DifficultySpearman >= 0.5, $"difficulty Spearman {report.DifficultySpearman}");
    }

    [Theory]
    [InlineData("minilm")]
    [InlineData("hybrid")]
    public async Task Tagging_WithAnEmbeddingRanking_PrintsItsRankingFiguresFromTheShippedModel(string method)
    {
        var output = new StringWriter();
        var exit = await new RootCommand { EvaluateCommand.Create(output) }
            .Parse(["evaluate", "tagging", "--fixture", FixturePath(), "--limit", "20", "--tagger", method, "--batch", "4"]).InvokeAsync();

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal(method, root.GetProperty("method").GetString());
        Assert.Equal(4, root.GetProperty("batch").GetInt32());
        Assert.Equal(20, root.GetProperty("items").GetInt32());
        // The model really ranks: on the first 20 items (maths and science, clear wording) it gets most first skills right.
        Assert.True(root.GetProperty("precisionAt1").GetDouble() >= 0.7, output.ToString());
        Assert.True(root.GetProperty("modelLoadMs").GetDouble() > 0);
    }

    [Fact]
    public void EmbeddingSkillText_IsTheSkillsNameDescriptionAndExamples()
    {
        var text = EmbeddingEvaluation.SkillText(new("math.fractions", "Fractions", "Parts of a whole.", ["simplify", "compare"]));

        Assert.Equal("Fractions. Parts of a whole. Examples: simplify; compare", text);
    }

    [Fact]
    public async Task Tagging_WithAnUnknownTagger_IsRefused()
    {
        var output = new StringWriter();
        var exit = await new RootCommand { EvaluateCommand.Create(output) }
            .Parse(["evaluate", "tagging", "--fixture", FixturePath(), "--tagger", "word2vec"]).InvokeAsync();

        Assert.NotEqual(0, exit);
    }

    [Fact]
    public void Fixture_HasAtLeast150ItemsOver15SkillsInFiveSubjects_AndSaysWhereTheLabelsCameFrom()
    {
        var fixture = TaggingFixture.Read(FixturePath());

        Assert.True(fixture.Items.Count >= 150);
        Assert.True(fixture.Items.SelectMany(i => i.Skills).Distinct().Count() >= 15);
        Assert.True(fixture.Taxonomy.Select(t => t.SkillId.Split('.')[0]).Distinct().Count() >= 5);
        Assert.Contains("written and labelled by the project's engineers", fixture.About, StringComparison.Ordinal);
        Assert.All(fixture.Items, i => Assert.InRange(i.Difficulty, 1, 5));
    }

    [Fact]
    public void Spearman_TiedRanks_ShareTheirMean()
    {
        Assert.Equal([1.5, 1.5, 3], Metrics.Ranks([2, 2, 5]));
        Assert.Equal(1, Metrics.Spearman([1, 2, 3, 4], [10, 20, 30, 400]), 12);
    }

    private static string FixturePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tools", "EdTech.Cli", "fixtures", "tagging.json");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("tools/EdTech.Cli/fixtures/tagging.json not found above the test's folder.");
    }
}
