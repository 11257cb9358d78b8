using EdTech.Infrastructure.Outbox;

namespace EdTech.Infrastructure.Tests.Outbox;

public sealed class RecentIdsTests
{
    [Fact]
    public void Add_SameIdWithinTheWindow_IsRefused()
    {
        var ids = new RecentIds(3);

        Assert.True(ids.Add("a"));
        Assert.False(ids.Add("a"));
        Assert.Equal(1, ids.Count);
    }

    [Fact]
    public void Add_PastTheCapacity_ForgetsTheOldestOnly()
    {
        var ids = new RecentIds(3);
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            ids.Add(id);
        }

        Assert.Equal(3, ids.Count);
        Assert.False(ids.Add("b"));
        Assert.False(ids.Add("d"));
        Assert.True(ids.Add("a"));
    }

    [Fact]
    public void Add_ManyMoreIdsThanTheCapacity_HoldsAtMostTheCapacityAndTheLatestStillRefused()
    {
        var ids = new RecentIds(1000);
        for (var i = 0; i < 1000 + 250; i++)
        {
            Assert.True(ids.Add($"message-{i:D6}"));
        }

        Assert.Equal(1000, ids.Count);
        Assert.False(ids.Add("message-001249"));
        Assert.True(ids.Add("message-000000"));
    }
}
