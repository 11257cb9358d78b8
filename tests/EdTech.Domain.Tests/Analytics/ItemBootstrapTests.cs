using EdTech.Domain.Analytics;

namespace EdTech.Domain.Tests.Analytics;

public sealed class ItemBootstrapTests
{
    private static readonly AnalysedItem[] Items = [new("good", 1), new("other", 1), new("third", 1)];

    /// <summary>Students of rising ability: "good" tracks ability, the other two items too, with some noise.</summary>
    private static List<AttemptMarks> Class(int students, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, students).Select(s =>
        {
            var ability = random.NextDouble();
            decimal Mark() => random.NextDouble() < ability ? 1 : 0;
            return new AttemptMarks($"s{s}", new Dictionary<string, decimal?> { ["good"] = Mark(), ["other"] = Mark(), ["third"] = Mark() });
        }).ToList();
    }

    private static ItemAnalysisResult Good(IReadOnlyList<AttemptMarks> attempts, ItemAnalysisOptions options) =>
        ItemAnalysis.Analyse(Items, attempts, options).Single(r => r.ItemId == "good");

    [Fact]
    public void Analyse_SameMarksAndSeed_GivesTheSameIntervals()
    {
        var attempts = Class(40, 1);
        var options = new ItemAnalysisOptions(300, AnalysisSeed.Of("assessment-1"), 5);

        Assert.Equal(Good(attempts, options), Good(attempts, options));
    }

    [Fact]
    public void Analyse_Intervals_ContainThePointEstimate()
    {
        var good = Good(Class(80, 2), new ItemAnalysisOptions(400, 3, 5));

        Assert.InRange(good.Facility!.Value, good.FacilityCi95!.Low, good.FacilityCi95.High);
        Assert.InRange(good.DiscriminationIndex!.Value, good.DiscriminationIndexCi95!.Low, good.DiscriminationIndexCi95.High);
        Assert.True(good.FacilityCi95.Low < good.FacilityCi95.High);
    }

    [Fact]
    public void Analyse_MoreStudents_NarrowsTheIndexInterval()
    {
        var options = new ItemAnalysisOptions(400, 5, 5);

        var small = Good(Class(25, 4), options).DiscriminationIndexCi95!;
        var large = Good(Class(1000, 4), options).DiscriminationIndexCi95!;

        Assert.True(large.High - large.Low < (small.High - small.Low) / 3, $"25 students: {small}, 1000 students: {large}");
    }

    [Fact]
    public void Analyse_FewerResponsesThanTheMinimum_HasNoInterval()
    {
        var good = Good(Class(4, 6), new ItemAnalysisOptions(200, 1, 5));

        Assert.NotNull(good.Facility);
        Assert.Null(good.FacilityCi95);
        Assert.Null(good.DiscriminationIndexCi95);
    }

    [Fact]
    public void Analyse_ItemEverybodyGetsRight_HasFacilityIntervalButNoIndexInterval()
    {
        var attempts = Class(30, 7).Select(a => a with { Marks = new Dictionary<string, decimal?>(a.Marks) { ["good"] = 1 } }).ToList();

        var good = Good(attempts, new ItemAnalysisOptions(200, 1, 5));

        Assert.Equal(new Interval95(1, 1), good.FacilityCi95);
        Assert.Null(good.DiscriminationIndexCi95);
    }

    [Fact]
    public void Seed_OfTheSameKey_IsStableAndDiffersBetweenKeys()
    {
        Assert.Equal(AnalysisSeed.Of("a1"), AnalysisSeed.Of("a1"));
        Assert.NotEqual(AnalysisSeed.Of("a1"), AnalysisSeed.Of("a2"));
        Assert.Equal(unchecked((int)0x811C9DC5), AnalysisSeed.Of(string.Empty));
    }
}
