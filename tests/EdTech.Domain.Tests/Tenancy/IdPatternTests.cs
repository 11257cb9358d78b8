using EdTech.Domain.Tenancy;

namespace EdTech.Domain.Tests.Tenancy;

/// <summary>Ids are matched whole: a trailing line break (which a regex's <c>$</c> lets through) is not part of a valid id.</summary>
public sealed class IdPatternTests
{
    [Theory]
    [InlineData("quiz1", true)]
    [InlineData("s-1.a@b_c", true)]
    [InlineData("quiz1\n", false)]
    [InlineData("quiz 1", false)]
    [InlineData("-quiz1", false)]
    [InlineData("", false)]
    public void ResourceId_IsValid_MatchesTheWholeValue(string value, bool valid) => Assert.Equal(valid, ResourceId.IsValid(value));

    [Theory]
    [InlineData("north-school", true)]
    [InlineData("north-school\n", false)]
    [InlineData("North", false)]
    [InlineData("north-", false)]
    public void TenantId_IsValid_MatchesTheWholeValue(string value, bool valid) => Assert.Equal(valid, TenantId.IsValid(value));
}
