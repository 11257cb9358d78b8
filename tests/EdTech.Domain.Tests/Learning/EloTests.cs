using EdTech.Domain.Learning;
using EdTech.Domain.Learning.EloModel;

namespace EdTech.Domain.Tests.Learning;

public sealed class EloTests
{
    [Fact]
    public void Predict_EqualRatings_IsOneHalf() => Assert.Equal(0.5, Elo.Predict(EloRating.Initial, EloRating.Initial), 12);

    [Fact]
    public void Update_EqualCounts_MovesStudentAndItemByTheSameAmount()
    {
        var student = new EloRating(0.3, 4);
        var item = new EloRating(-0.2, 4);

        var update = Elo.Update(student, item, correct: true, EloOptions.Default);

        var gain = update.Student.Value - student.Value;
        Assert.True(gain > 0);
        Assert.Equal(gain, item.Value - update.Item.Value, 12);
    }

    [Fact]
    public void Update_FirstAnswerRight_MovesByHalfTheInitialK()
    {
        // σ(0 − 0) = 0.5, so the surprise of a right answer is 0.5 and K(0) = 1.
        var update = Elo.Update(EloRating.Initial, EloRating.Initial, correct: true, EloOptions.Default);

        Assert.Equal(0.5, update.Student.Value, 12);
        Assert.Equal(-0.5, update.Item.Value, 12);
        Assert.Equal(1, update.Student.Count);
        Assert.Equal(1, update.Item.Count);
    }

    [Fact]
    public void Update_WrongAnswer_LowersAbilityAndRaisesDifficulty()
    {
        var update = Elo.Update(EloRating.Initial, EloRating.Initial, correct: false, EloOptions.Default);

        Assert.True(update.Student.Value < 0);
        Assert.True(update.Item.Value > 0);
    }

    [Fact]
    public void K_DecaysWithCountDownToTheFloor()
    {
        var options = new EloOptions(InitialK: 1, KDecay: 0.2, MinimumK: 0.05);

        Assert.Equal(1, options.K(0), 12);
        Assert.Equal(0.5, options.K(5), 12);
        Assert.Equal(0.05, options.K(10_000), 12);
    }

    [Fact]
    public void Update_ExperiencedItem_MovesLessThanANewStudent()
    {
        var update = Elo.Update(EloRating.Initial, new EloRating(0, 200), correct: true, EloOptions.Default);

        Assert.True(update.Student.Value > 10 * -update.Item.Value);
    }
}
