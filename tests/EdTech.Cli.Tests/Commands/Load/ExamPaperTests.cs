using EdTech.Cli.Commands.Load;

namespace EdTech.Cli.Tests.Commands.Load;

public class ExamPaperTests
{
    [Fact]
    public void ExpectedScore_AllCorrectPattern_IsTheMaximum()
    {
        Assert.Equal(ExamPaper.MaxScore, ExamPaper.ExpectedScore(ExamPaper.AnswersFor(0b1111)));
    }

    [Fact]
    public void ExpectedScore_AllWrongPattern_IsZero()
    {
        Assert.Equal(0, ExamPaper.ExpectedScore(ExamPaper.AnswersFor(0)));
    }

    [Theory]
    [InlineData(0b0001, 1)]
    [InlineData(0b0010, 2)]
    [InlineData(0b0100, 4)]
    [InlineData(0b1000, 8)]
    [InlineData(0b0101, 5)]
    [InlineData(0b1010, 10)]
    public void ExpectedScore_Pattern_IsTheSumOfTheCorrectItemsPoints(int pattern, int expected)
    {
        Assert.Equal(expected, ExamPaper.ExpectedScore(ExamPaper.AnswersFor(pattern)));
    }

    [Fact]
    public void ExpectedScore_EveryPatternScoresDifferently()
    {
        var scores = Enumerable.Range(0, ExamPaper.PatternCount).Select(p => ExamPaper.ExpectedScore(ExamPaper.AnswersFor(p))).ToArray();

        Assert.Equal(ExamPaper.PatternCount, scores.Distinct().Count());
    }

    [Fact]
    public void ExpectedScore_NumericInsideTolerance_EarnsThePoints()
    {
        Assert.Equal(4, ExamPaper.ExpectedScore([new ExamAnswer("q3", ExamPaper.NumericKey + ExamPaper.NumericTolerance)]));
    }

    [Fact]
    public void ExpectedScore_NumericJustOutsideTolerance_EarnsNothing()
    {
        Assert.Equal(0, ExamPaper.ExpectedScore([new ExamAnswer("q3", ExamPaper.NumericKey + ExamPaper.NumericTolerance + 0.0001m)]));
    }

    [Fact]
    public void ExpectedScore_MultiChoiceInAnotherOrder_EarnsThePoints()
    {
        Assert.Equal(2, ExamPaper.ExpectedScore([new ExamAnswer("q2", new[] { "3", "2" })]));
    }

    [Fact]
    public void ExpectedScore_MultiChoiceSubset_EarnsNothing()
    {
        Assert.Equal(0, ExamPaper.ExpectedScore([new ExamAnswer("q2", new[] { "2" })]));
    }

    [Fact]
    public void ExpectedScore_ShortTextDifferentCaseAndSpaces_EarnsThePoints()
    {
        Assert.Equal(8, ExamPaper.ExpectedScore([new ExamAnswer("q4", "  paris ")]));
    }

    [Fact]
    public void ExpectedScore_AnswerOfTheWrongShape_EarnsNothing()
    {
        Assert.Equal(0, ExamPaper.ExpectedScore([new ExamAnswer("q1", 4m), new ExamAnswer("q3", "3.14")]));
    }

    [Fact]
    public void PatternOf_SixteenConsecutiveStudents_CoverEveryPatternOnce()
    {
        var patterns = Enumerable.Range(100, 16).Select(ExamPaper.PatternOf).Order().ToArray();

        Assert.Equal(Enumerable.Range(0, 16), patterns);
    }

    [Fact]
    public void AnswersFor_EachItemIsCorrectForHalfThePatterns()
    {
        var correctPerItem = Enumerable.Range(0, ExamPaper.PatternCount)
            .SelectMany(p => ExamPaper.AnswersFor(p).Where(a => ExamPaper.ExpectedScore([a]) > 0))
            .GroupBy(a => a.ItemId)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(4, correctPerItem.Count);
        Assert.All(correctPerItem.Values, count => Assert.Equal(ExamPaper.PatternCount / 2, count));
    }

    [Fact]
    public void AnswersFor_AnyPattern_AnswersAllFourItemsInOrder()
    {
        Assert.Equal(["q1", "q2", "q3", "q4"], ExamPaper.AnswersFor(6).Select(a => a.ItemId));
    }
}
