using EdTech.Application.Submissions;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Tests.Submissions;

public sealed class SubmitAttemptValidatorTests
{
    private static readonly Assessment Quiz = SubmitWorld.Quiz();

    private static IReadOnlyDictionary<string, string[]> Errors(SubmitAttemptCommand command)
    {
        var v = SubmitAttemptValidator.Validate(Quiz, command);
        return v.IsValid ? new Dictionary<string, string[]>() : v.ToProblem().Errors!;
    }

    [Fact]
    public void Validate_EveryItemAnsweredOnce_IsValid() =>
        Assert.True(SubmitAttemptValidator.Validate(Quiz, SubmitWorld.Answers()).IsValid);

    [Fact]
    public void Validate_NoAnswers_IsValidAsAnEmptySubmission() =>
        Assert.True(SubmitAttemptValidator.Validate(Quiz, new SubmitAttemptCommand([])).IsValid);

    [Fact]
    public void Validate_AnswersMissing_NamesAnswers() =>
        Assert.Equal(["answers"], Errors(new SubmitAttemptCommand(null)).Keys);

    [Fact]
    public void Validate_MoreAnswersThanItems_NamesAnswers()
    {
        var three = new SubmitAttemptCommand([new AnswerInput("q1", null), new AnswerInput("q2", null), new AnswerInput("q1", null)]);

        var errors = Errors(three);

        Assert.Equal(["answers"], errors.Keys);
        Assert.Contains("at most 2", errors["answers"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AsManyAnswersAsItems_IsNotTooMany() =>
        Assert.DoesNotContain("answers", Errors(new SubmitAttemptCommand([new AnswerInput("q1", null), new AnswerInput("q2", null)])).Keys);

    [Fact]
    public void Validate_UnknownOrMissingItemId_NamesThatAnswersItemId()
    {
        var errors = Errors(new SubmitAttemptCommand([new AnswerInput("q1", null), new AnswerInput("zz", null)]));
        Assert.Equal(["answers[1].itemId"], errors.Keys);
        Assert.Equal(["Not an item of this assessment."], errors["answers[1].itemId"]);

        Assert.Equal(["answers[0].itemId"], Errors(new SubmitAttemptCommand([new AnswerInput(null, null)])).Keys);
        Assert.Equal(["answers[0].itemId"], Errors(new SubmitAttemptCommand([null!])).Keys);
    }

    [Fact]
    public void Validate_ItemIdIsCaseSensitive() =>
        Assert.Equal(["answers[0].itemId"], Errors(new SubmitAttemptCommand([new AnswerInput("Q1", null)])).Keys);

    [Fact]
    public void Validate_SameItemTwice_NamesTheSecond()
    {
        var errors = Errors(new SubmitAttemptCommand([new AnswerInput("q2", AnswerValue.OfNumber(1)), new AnswerInput("q2", AnswerValue.OfNumber(2))]));

        Assert.Equal(["answers[1].itemId"], errors.Keys);
        Assert.Equal("Answered twice.", errors["answers[1].itemId"].Single());
    }

    [Fact]
    public void Validate_ValueNotFittingTheItemType_NamesThatValue()
    {
        var errors = Errors(new SubmitAttemptCommand([new AnswerInput("q1", AnswerValue.OfText("a")), new AnswerInput("q2", AnswerValue.OfText("four"))]));

        Assert.Equal(["answers[1].value"], errors.Keys);
    }

    [Fact]
    public void Validate_NullValue_IsAnUnansweredItem() =>
        Assert.Empty(Errors(new SubmitAttemptCommand([new AnswerInput("q1", null)])));

    [Fact]
    public void Validate_EmptyChoicesOrBlankText_IsAValidAnswerUnlikeAKey()
    {
        var quiz = SubmitWorld.Quiz() with
        {
            Items =
            [
                new AssessmentItem("m1", ItemType.MultiChoice, "p", ["a", "b"], AnswerValue.OfChoices(["a"]), null, 1, []),
                new AssessmentItem("t1", ItemType.ShortText, "p", null, AnswerValue.OfText("x"), null, 1, []),
            ],
        };

        var v = SubmitAttemptValidator.Validate(quiz, new SubmitAttemptCommand([new AnswerInput("m1", AnswerValue.OfChoices([])), new AnswerInput("t1", AnswerValue.OfText("  "))]));

        Assert.True(v.IsValid);
    }
}
