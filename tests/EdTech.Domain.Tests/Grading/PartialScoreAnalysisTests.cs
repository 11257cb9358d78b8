using EdTech.Domain.Analytics;
using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;

namespace EdTech.Domain.Tests.Grading;

/// <summary>Fractional item scores from the partial-credit rules flow through the whole-assessment grade and item analysis.</summary>
public sealed class PartialScoreAnalysisTests
{
    private static readonly AssessmentItem Ordering = new("or", ItemType.Ordering, "p", null, AnswerValue.OfChoices(["a", "b", "c"]), null, 1, []);

    [Fact]
    public void Grade_PartialOrdering_SumsFractionalScores()
    {
        var assessment = new Assessment("a1", "c1", "t", DateTimeOffset.UnixEpoch, 0, null, null, new ReleasePolicy(ReleasePolicy.Immediate, null), [Ordering]);

        var outcome = AssessmentGrader.Grade(assessment, new Dictionary<string, AnswerValue> { ["or"] = AnswerValue.OfChoices(["b", "a", "c"]) });

        Assert.Equal(0.6667m, outcome.RawScore);
        Assert.False(outcome.NeedsReview);
    }

    [Fact]
    public void Analyse_FractionalMarks_FacilityIsMeanOverMax()
    {
        AttemptMarks Marks(string student, decimal or, decimal other) => new(student, new Dictionary<string, decimal?> { ["or"] = or, ["x"] = other });
        var attempts = new[] { Marks("A", 1m, 1), Marks("B", 0.6667m, 1), Marks("C", 0.6667m, 0), Marks("D", 0m, 0) };

        var result = ItemAnalysis.Analyse([new("or", 1), new("x", 1)], attempts, new ItemAnalysisOptions(0, 0, 2)).Single(r => r.ItemId == "or");

        Assert.Equal((double)(2.3334m / 4), result.Facility!.Value, 12);
        Assert.NotNull(result.DiscriminationIndex);
    }
}
