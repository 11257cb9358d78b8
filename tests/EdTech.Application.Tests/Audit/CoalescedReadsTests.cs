using EdTech.Application.Audit;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Audit;

public sealed class CoalescedReadsTests
{
    private static readonly TenantId School = new("school-a");
    private static readonly TenantId Other = new("school-b");

    [Fact]
    public void Remembered_IsAppendedInItsHourAndTenantOnly()
    {
        var reads = new CoalescedReads();

        reads.Remember(School, "2026120709", "read-1");

        Assert.True(reads.Appended(School, "2026120709", "read-1"));
        Assert.False(reads.Appended(Other, "2026120709", "read-1"));
        Assert.False(reads.Appended(School, "2026120709", "read-2"));
        Assert.False(reads.Appended(School, "2026120710", "read-1"));
    }

    [Fact]
    public void ANewHour_ForgetsTheLastOnes_AndALateAppendOfTheHourBeforeIsNotRemembered()
    {
        var reads = new CoalescedReads();
        reads.Remember(School, "2026120709", "read-1");

        reads.Remember(School, "2026120710", "read-2");
        reads.Remember(School, "2026120709", "read-3");

        Assert.False(reads.Appended(School, "2026120709", "read-1"));
        Assert.False(reads.Appended(School, "2026120709", "read-3"));
        Assert.True(reads.Appended(School, "2026120710", "read-2"));
    }

    [Fact]
    public void PastItsCapacity_NothingMoreIsRemembered()
    {
        var reads = new CoalescedReads();
        for (var i = 0; i < CoalescedReads.Capacity; i++)
        {
            reads.Remember(School, "2026120709", $"read-{i}");
        }

        reads.Remember(School, "2026120709", "one-too-many");

        Assert.True(reads.Appended(School, "2026120709", $"read-{CoalescedReads.Capacity - 1}"));
        Assert.False(reads.Appended(School, "2026120709", "one-too-many"));
    }
}
