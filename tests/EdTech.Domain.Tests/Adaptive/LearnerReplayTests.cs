using EdTech.Domain.Adaptive;
using EdTech.Domain.Learning;
using EdTech.Domain.Learning.BktModel;

namespace EdTech.Domain.Tests.Adaptive;

public sealed class LearnerReplayTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Run_SameAnswersInAnyInputOrder_SameState()
    {
        var answers = new[]
        {
            new Observation("q", "m1", ["multiplication"], false, Start),
            new Observation("q", "m2", ["multiplication"], true, Start.AddDays(1)),
            new Observation("q", "a1", ["addition"], true, Start.AddDays(2)),
        };

        var forward = LearnerReplay.Run(answers, _ => 0, LearnerModelSettings.Default);
        var backward = LearnerReplay.Run(answers.Reverse(), _ => 0, LearnerModelSettings.Default);

        Assert.Equal(forward.Skills["multiplication"], backward.Skills["multiplication"]);
        Assert.Equal(forward.Skills["addition"], backward.Skills["addition"]);
    }

    [Fact]
    public void Run_MasteryIsTheBktTrace_AndCountsAnswers()
    {
        var settings = LearnerModelSettings.Default;
        var answers = new[] { false, false, true }
            .Select((correct, i) => new Observation("q", "m" + i, ["multiplication"], correct, Start.AddMinutes(i))).ToList();

        var skill = LearnerReplay.Run(answers, _ => 0, settings).Skills["multiplication"];

        Assert.Equal(Bkt.Trace([false, false, true], settings.Bkt).Mastery, skill.Mastery, 12);
        Assert.Equal((3, 1), (skill.Attempts, skill.Correct));
        Assert.True(skill.Ability < 0);
    }
}
