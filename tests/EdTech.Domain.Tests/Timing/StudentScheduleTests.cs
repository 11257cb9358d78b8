using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;
using EdTech.Domain.Timing;

namespace EdTech.Domain.Tests.Timing;

/// <summary>A student's own due date, deadline and timed-attempt end: extensions, extra-time multipliers, the deadline cap.</summary>
public sealed class StudentScheduleTests
{
    private static readonly DateTimeOffset Due = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static Assessment Exam(int grace = 60, int? limit = null, string id = "a1") =>
        new(id, "c1", "Exam", Due, grace, null, new LatePolicy(10, 50), new ReleasePolicy(ReleasePolicy.Manual, null),
            [new AssessmentItem("q1", ItemType.SingleChoice, "p", ["x", "y"], AnswerValue.OfText("x"), null, 10, [])], TimeLimitSeconds: limit);

    private static Accommodation Extended(DateTimeOffset dueAt, string assessmentId = "a1", decimal multiplier = 1m) =>
        new(multiplier, [new DueDateExtension(assessmentId, dueAt)]);

    [Fact]
    public void Deadline_NoAccommodation_IsTheAssessmentsDeadline() =>
        Assert.Equal(Exam().Deadline, StudentSchedule.Deadline(Exam(), null));

    [Fact]
    public void Deadline_WithExtension_IsExtendedDueDatePlusGrace() =>
        Assert.Equal(Due.AddDays(2).AddSeconds(60), StudentSchedule.Deadline(Exam(), Extended(Due.AddDays(2))));

    [Fact]
    public void Deadline_ExtensionOfAnotherAssessment_ChangesNothing() =>
        Assert.Equal(Exam().Deadline, StudentSchedule.Deadline(Exam(), Extended(Due.AddDays(2), "other")));

    [Fact]
    public void DueAt_ExtensionEarlierThanTheAssessment_KeepsTheAssessmentsDueDate()
    {
        Assert.Equal(Due, StudentSchedule.DueAt(Exam(), Extended(Due.AddDays(-1))));
        Assert.Null(StudentSchedule.ExtendedDeadline(Exam(), Extended(Due.AddDays(-1))));
    }

    [Fact]
    public void IsLate_AfterTheAssessmentsDeadlineButBeforeTheExtension_IsOnTime()
    {
        var receivedAt = Due.AddDays(1);

        Assert.True(StudentSchedule.IsLate(Exam(), null, receivedAt));
        Assert.False(StudentSchedule.IsLate(Exam(), Extended(Due.AddDays(2)), receivedAt));
        Assert.True(StudentSchedule.IsLate(Exam(), Extended(Due.AddDays(2)), Due.AddDays(2).AddSeconds(61)));
    }

    [Fact]
    public void FinalScore_LateAgainstTheExtendedDeadline_CountsDaysFromIt()
    {
        var deadline = StudentSchedule.ExtendedDeadline(Exam(), Extended(Due.AddDays(2)));

        // One started day after the extended deadline: 10 % off; from the assessment's own deadline it would be three days.
        Assert.Equal(9m, AssessmentGrader.FinalScore(Exam(), 10, Due.AddDays(2).AddHours(1), deadline));
        Assert.Equal(7m, AssessmentGrader.FinalScore(Exam(), 10, Due.AddDays(2).AddHours(1)));
    }

    [Theory]
    [InlineData(null, 1800)]
    [InlineData(1.5, 2700)]
    [InlineData(1.333, 2400)] // 1799.55 → rounded up to a whole second
    [InlineData(9.0, 7200)] // clamped to 4
    [InlineData(0.5, 1800)] // clamped to 1: extra time never shortens
    public void TimeLimit_TimesTheMultiplier_RoundedUpAndClamped(double? multiplier, int expectedSeconds)
    {
        var accommodation = multiplier is { } m ? new Accommodation((decimal)m, []) : null;

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), StudentSchedule.TimeLimit(Exam(limit: 1800), accommodation));
    }

    [Fact]
    public void TimeLimit_Untimed_IsNullAndTheAttemptNeverEnds()
    {
        Assert.Null(StudentSchedule.TimeLimit(Exam(), new Accommodation(2, [])));
        Assert.Null(StudentSchedule.AttemptEndsAt(Exam(), null, Due.AddHours(-1)));
        Assert.False(StudentSchedule.IsOverTime(null, DateTimeOffset.MaxValue));
    }

    [Fact]
    public void AttemptEndsAt_LongBeforeTheDeadline_IsStartPlusTheStudentsLimit()
    {
        var start = Due.AddHours(-3);

        Assert.Equal(start.AddMinutes(45), StudentSchedule.AttemptEndsAt(Exam(limit: 1800), new Accommodation(1.5m, []), start));
    }

    [Fact]
    public void AttemptEndsAt_DeadlineComesFirst_EndsAtTheDeadline()
    {
        var start = Due.AddMinutes(-10);

        Assert.Equal(Due.AddSeconds(60), StudentSchedule.AttemptEndsAt(Exam(limit: 1800), null, start));
    }

    [Fact]
    public void AttemptEndsAt_DeadlineExtended_EndsAtTheStudentsOwnLimit()
    {
        var start = Due.AddMinutes(-10);

        Assert.Equal(start.AddMinutes(30), StudentSchedule.AttemptEndsAt(Exam(limit: 1800), Extended(Due.AddDays(1)), start));
    }

    [Fact]
    public void AttemptEndsAt_StartedAfterTheDeadline_GetsTheFullLimit()
    {
        var start = Due.AddHours(1);

        Assert.Equal(start.AddMinutes(30), StudentSchedule.AttemptEndsAt(Exam(limit: 1800), null, start));
    }

    [Fact]
    public void IsOverTime_WithinGrace_IsNot_AfterGrace_Is()
    {
        var end = Due;

        Assert.False(StudentSchedule.IsOverTime(end, end + StudentSchedule.AttemptGrace));
        Assert.True(StudentSchedule.IsOverTime(end, end + StudentSchedule.AttemptGrace + TimeSpan.FromTicks(1)));
        Assert.Equal(end + StudentSchedule.AttemptGrace, StudentSchedule.AutoSubmitAt(end));
    }

    [Fact]
    public void Instants_NearTheEndOfTime_SaturateInsteadOfThrowing()
    {
        var late = DateTimeOffset.MaxValue.AddSeconds(-10);
        var exam = Exam(limit: 3600) with { DueAt = late };

        Assert.Equal(DateTimeOffset.MaxValue, StudentSchedule.Deadline(exam, null));
        Assert.Equal(DateTimeOffset.MaxValue, StudentSchedule.AttemptEndsAt(exam, new Accommodation(4, []), DateTimeOffset.MaxValue.AddSeconds(-1)));
        Assert.False(StudentSchedule.IsOverTime(DateTimeOffset.MaxValue, DateTimeOffset.MaxValue));
    }
}
