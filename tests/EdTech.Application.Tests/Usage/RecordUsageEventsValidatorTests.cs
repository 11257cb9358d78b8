using EdTech.Application.Usage;

namespace EdTech.Application.Tests.Usage;

public sealed class RecordUsageEventsValidatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-06-01T12:00:00Z", null);

    private static readonly UsageEventInput Valid = new("e1", "viewed", "content", "week1/i1", "math101", Now.AddMinutes(-1), 30);

    [Fact]
    public void ValidateShape_AValidEventOfEachObjectType_HasNoError()
    {
        Assert.Null(RecordUsageEventsValidator.ValidateShape(Valid, Now));
        Assert.Null(RecordUsageEventsValidator.ValidateShape(Valid with { ObjectId = "week1", DurationSeconds = null }, Now));
        Assert.Null(RecordUsageEventsValidator.ValidateShape(Valid with { Verb = "completed", ObjectType = "assessment", ObjectId = "quiz1" }, Now));
        Assert.Null(RecordUsageEventsValidator.ValidateShape(Valid with { Verb = "answered", ObjectType = "item", ObjectId = "quiz1/q1" }, Now));
    }

    public static TheoryData<UsageEventInput?, string> Wrong() => new()
    {
        { null, "" },
        { Valid with { Id = null }, "id" },
        { Valid with { Id = "a:b" }, "id" },
        { Valid with { Verb = "liked" }, "verb" },
        { Valid with { Verb = null }, "verb" },
        { Valid with { ObjectType = "video" }, "objectType" },
        { Valid with { ObjectId = null }, "objectId" },
        { Valid with { ObjectType = "assessment", ObjectId = "quiz1/q1" }, "objectId" },
        { Valid with { ObjectType = "item", ObjectId = "quiz1" }, "objectId" },
        { Valid with { ObjectId = "week1/i1/x" }, "objectId" },
        { Valid with { ObjectId = "week1/../x" }, "objectId" },
        { Valid with { CourseId = null }, "courseId" },
        { Valid with { CourseId = "math 101" }, "courseId" },
        { Valid with { At = null }, "at" },
        { Valid with { At = DateTimeOffset.Parse("1999-12-31T23:59:59Z", null) }, "at" },
        { Valid with { At = Now.AddMinutes(5).AddSeconds(1) }, "at" },
        { Valid with { DurationSeconds = -1 }, "durationSeconds" },
        { Valid with { DurationSeconds = 86_400.5 }, "durationSeconds" },
        { Valid with { DurationSeconds = double.NaN }, "durationSeconds" },
    };

    [Theory]
    [MemberData(nameof(Wrong))]
    public void ValidateShape_OneWrongField_NamesThatField(UsageEventInput? input, string field) =>
        Assert.Equal(field, RecordUsageEventsValidator.ValidateShape(input, Now)?.Field);

    [Fact]
    public void ValidateShape_AtTheEdges_AcceptsFiveMinutesAheadAndADayLong()
    {
        Assert.Null(RecordUsageEventsValidator.ValidateShape(Valid with { At = Now.AddMinutes(5) }, Now));
        Assert.Null(RecordUsageEventsValidator.ValidateShape(Valid with { DurationSeconds = 86_400 }, Now));
        Assert.Null(RecordUsageEventsValidator.ValidateShape(Valid with { DurationSeconds = 0 }, Now));
    }

    [Fact]
    public void ValidateBatch_MissingEmptyOrOver500_NamesEvents_And500Passes()
    {
        Assert.Equal("events", Assert.Single(RecordUsageEventsValidator.ValidateBatch(new(null))!.Errors!).Key);
        Assert.Equal("events", Assert.Single(RecordUsageEventsValidator.ValidateBatch(new([]))!.Errors!).Key);
        Assert.Equal("events", Assert.Single(RecordUsageEventsValidator.ValidateBatch(new(Enumerable.Repeat<UsageEventInput?>(Valid, 501).ToList()))!.Errors!).Key);
        Assert.Null(RecordUsageEventsValidator.ValidateBatch(new(Enumerable.Repeat<UsageEventInput?>(Valid, 500).ToList())));
    }
}
