using EdTech.Application.Records;

namespace EdTech.Application.Tests.Quotas;

/// <summary>The submission quota's default fits the school: every student at once, and half as many again.</summary>
public sealed class TenantQuotasTests
{
    [Theory]
    [InlineData(100, 6_000)]
    [InlineData(4_000, 6_000)]
    [InlineData(20_000, 30_000)]
    [InlineData(50_000, 75_000)]
    [InlineData(2_000_000_000, int.MaxValue)]
    public void SubmissionsPerMinuteFor_Students_IsOneAndAHalfPerStudentAtLeast6000(int students, int expected) =>
        Assert.Equal(expected, TenantQuotas.SubmissionsPerMinuteFor(students));

    [Fact]
    public void Effective_NothingSet_IsThePlatformDefaultsWithTheQuotaOfTheDefaultCap()
    {
        var effective = TenantQuotas.None.Effective();

        Assert.Equal((50_000, 75_000, 10_240), (effective.MaxStudents, effective.MaxSubmissionsPerMinute, effective.StorageMb));
    }

    [Fact]
    public void Effective_CapSetQuotaNot_FollowsTheCap_QuotaSet_IsKept()
    {
        Assert.Equal(30_000, new TenantQuotas(MaxStudents: 20_000).Effective().MaxSubmissionsPerMinute);
        Assert.Equal(1_000, new TenantQuotas(MaxStudents: 20_000, MaxSubmissionsPerMinute: 1_000).Effective().MaxSubmissionsPerMinute);
    }
}
