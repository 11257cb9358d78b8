using EdTech.Domain.Analytics;

namespace EdTech.Domain.Tests.Analytics;

/// <summary>
/// Expected values are worked by hand from Moodle's definitions (question/classes/statistics/questions/calculator.php):
/// four students, items q1 and q2 worth 1 point and q3 worth 2 (totals A 4, B 2, C 1, D 1).
/// </summary>
public sealed class ItemAnalysisTests
{
    private static readonly AnalysedItem[] Items = [new("q1", 1), new("q2", 1), new("q3", 2)];

    private static readonly AttemptMarks[] FourStudents =
    [
        Attempt("A", 1, 1, 2),
        Attempt("B", 1, 0, 1),
        Attempt("C", 0, 1, 0),
        Attempt("D", 0, 0, 1),
    ];

    private static readonly ItemAnalysisOptions NoBootstrap = new(0, 0, 5);

    private static AttemptMarks Attempt(string student, params decimal?[] marks) =>
        new(student, marks.Select((m, i) => (Id: Items[i].ItemId, Mark: m)).ToDictionary(p => p.Id, p => p.Mark));

    private static ItemAnalysisResult Of(string itemId, IReadOnlyList<AttemptMarks> attempts, IReadOnlyList<AnalysedItem>? items = null) =>
        ItemAnalysis.Analyse(items ?? Items, attempts, NoBootstrap).Single(r => r.ItemId == itemId);

    [Fact]
    public void Analyse_ItemThatStrongStudentsGetRight_MatchesMoodleHandWorkedFigures()
    {
        var q1 = Of("q1", FourStudents);

        Assert.Equal(4, q1.Responses);
        Assert.Equal(0.5, q1.Facility);
        Assert.Equal(Math.Sqrt(1.0 / 3), q1.Sd!.Value, 12);
        Assert.Equal(100 * Math.Sqrt(1.0 / 3), q1.DiscriminationIndex!.Value, 10);
        Assert.Equal(100, q1.DiscriminativeEfficiency!.Value, 10);
    }

    [Fact]
    public void Analyse_ItemUncorrelatedWithTheRest_HasZeroIndexAndEfficiency()
    {
        var q2 = Of("q2", FourStudents);

        Assert.Equal(0, q2.DiscriminationIndex!.Value, 10);
        Assert.Equal(0, q2.DiscriminativeEfficiency!.Value, 10);
    }

    [Fact]
    public void Analyse_ItemWorthTwoPoints_DividesFacilityAndSdByItsPoints()
    {
        var q3 = Of("q3", FourStudents);

        Assert.Equal(0.5, q3.Facility);
        Assert.Equal(Math.Sqrt(2.0 / 3) / 2, q3.Sd!.Value, 12);
        Assert.Equal(50, q3.DiscriminationIndex!.Value, 10);
        Assert.Equal(50, q3.DiscriminativeEfficiency!.Value, 10);
    }

    [Fact]
    public void Analyse_MiskeyedItem_HasNegativeDiscrimination()
    {
        // The two strongest students (by the other items) get q1 wrong, the two weakest right.
        AttemptMarks[] attempts = [Attempt("A", 0, 1, 2), Attempt("B", 0, 1, 1), Attempt("C", 1, 0, 0), Attempt("D", 1, 0, 1)];

        var q1 = Of("q1", attempts);

        Assert.True(q1.DiscriminationIndex < 0, $"index {q1.DiscriminationIndex}");
        Assert.True(q1.DiscriminativeEfficiency < 0, $"efficiency {q1.DiscriminativeEfficiency}");
    }

    [Fact]
    public void Analyse_EverybodySameMark_HasFacilityButNoIndexOrEfficiency()
    {
        AttemptMarks[] attempts = [Attempt("A", 0.1m, 1, 2), Attempt("B", 0.1m, 0, 1), Attempt("C", 0.1m, 1, 0)];

        var q1 = Of("q1", attempts);

        Assert.Equal(0.1, q1.Facility!.Value, 12);
        Assert.Equal(0, q1.Sd);
        Assert.Null(q1.DiscriminationIndex);
        Assert.Null(q1.DiscriminativeEfficiency);
    }

    [Fact]
    public void Analyse_OneResponse_HasFacilityOnly()
    {
        var q1 = Of("q1", [Attempt("A", 1, 1, 2)]);

        Assert.Equal(1, q1.Responses);
        Assert.Equal(1, q1.Facility);
        Assert.Null(q1.Sd);
        Assert.Null(q1.DiscriminationIndex);
        Assert.Null(q1.DiscriminativeEfficiency);
    }

    [Fact]
    public void Analyse_NoResponses_IsAllNull()
    {
        var q = Of("q9", FourStudents, [.. Items, new AnalysedItem("q9", 1)]);

        Assert.Equal(0, q.Responses);
        Assert.Null(q.Facility);
        Assert.Null(q.Sd);
    }

    [Fact]
    public void Analyse_UnscoredMark_CountsAsZeroLikeMoodle()
    {
        AttemptMarks[] withNull = [.. FourStudents[..3], Attempt("D", null, 0, 1)];

        Assert.Equal(Of("q1", FourStudents), Of("q1", withNull));
    }

    [Fact]
    public void Analyse_ItemMissingFromAnAttempt_CountsOnlyAttemptsThatHaveIt()
    {
        var withoutQ2 = new AttemptMarks("E", new Dictionary<string, decimal?> { ["q1"] = 1, ["q3"] = 2 });

        var results = ItemAnalysis.Analyse(Items, [.. FourStudents, withoutQ2], NoBootstrap);

        Assert.Equal(4, results.Single(r => r.ItemId == "q2").Responses);
        Assert.Equal(5, results.Single(r => r.ItemId == "q1").Responses);
    }

    [Fact]
    public void Analyse_PartialMarks_IndexEqualsPearsonCorrelationWithRestOfTest()
    {
        var random = new Random(7);
        var attempts = Enumerable.Range(0, 60).Select(s => Attempt($"s{s}",
            Math.Round((decimal)random.NextDouble(), 2), random.Next(2), Math.Round((decimal)(random.NextDouble() * 2), 1))).ToList();
        var x = attempts.Select(a => (double)a.Marks["q3"]!.Value).ToArray();
        var y = attempts.Select(a => (double)(a.Marks["q1"]!.Value + a.Marks["q2"]!.Value)).ToArray();

        var q3 = Of("q3", attempts);

        Assert.Equal(100 * Pearson(x, y), q3.DiscriminationIndex!.Value, 9);
        Assert.Equal(x.Average() / 2, q3.Facility!.Value, 12);
    }

    /// <summary>Pearson's r by the raw-sums formula (a different route from the calculator's deviations).</summary>
    private static double Pearson(double[] x, double[] y)
    {
        double n = x.Length, sx = x.Sum(), sy = y.Sum(), sxx = x.Sum(v => v * v), syy = y.Sum(v => v * v), sxy = x.Zip(y, (a, b) => a * b).Sum();
        return ((n * sxy) - (sx * sy)) / Math.Sqrt(((n * sxx) - (sx * sx)) * ((n * syy) - (sy * sy)));
    }
}
