using EdTech.Domain.Analytics;
using EdTech.Domain.Usage;

namespace EdTech.Domain.Tests.Analytics;

public sealed class ContentDropOffTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly (string, string?)[] Items = [("read", null), ("video", null), ("quiz", "quiz1")];

    private static ModuleActivity Student(double daysSinceLast, params string[] completed) =>
        new(Now.AddDays(-30), Now.AddDays(-daysSinceLast), ModuleCompleted: false, completed);

    [Fact]
    public void Count_DroppedStudent_IsCountedAtTheFirstItemNotCompleted_AndReachedCountsThoseWhoGotThere()
    {
        ModuleActivity[] students =
        [
            Student(20),                         // dropped at read
            Student(20, "read"),                 // dropped at video
            Student(20, "read", "quiz"),         // dropped at video (the first not completed, in module order)
            Student(1, "read"),                  // in progress: reached video, not dropped
            Student(20, "read", "video", "quiz"), // completed every item
            new(Now.AddDays(-30), Now.AddDays(-20), ModuleCompleted: true, []), // completed the module itself: reached everything
        ];

        var counts = ContentDropOff.Count("week1", Items, students, Now);

        Assert.Equal(
            [("read", 6, 1), ("video", 5, 2), ("quiz", 2, 0)],
            counts.Select(c => (c.ObjectId, c.Reached, c.DroppedAt)));
        Assert.Equal("quiz1", counts[2].AssessmentId);
        Assert.All(counts, c => Assert.Equal("week1", c.ModuleId));
        // Each dropped student is counted once: the items' sum is the module's droppedOff.
        Assert.Equal(ModuleDropOff.Count(["read", "video", "quiz"], students, Now).DroppedOff, counts.Sum(c => c.DroppedAt));
    }

    [Fact]
    public void Count_InactiveForExactlyTheWindow_IsDropped_AndASecondLess_IsNot()
    {
        var edge = new ModuleActivity(Now.AddDays(-30), Now - ModuleDropOff.InactiveAfter, false, []);
        var recent = new ModuleActivity(Now.AddDays(-30), Now - ModuleDropOff.InactiveAfter + TimeSpan.FromSeconds(1), false, []);

        Assert.Equal(1, ContentDropOff.Count("m", Items, [edge], Now)[0].DroppedAt);
        Assert.Equal(0, ContentDropOff.Count("m", Items, [recent], Now)[0].DroppedAt);
    }

    [Fact]
    public void Count_ModuleWithoutItems_AttributesNothing()
    {
        Assert.Empty(ContentDropOff.Count("m", [], [Student(30)], Now));
    }
}
