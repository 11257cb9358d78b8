using EdTech.Bff.Limits;
using Microsoft.Extensions.Configuration;

namespace EdTech.Bff.Tests.Limits;

public sealed class RateLimitSettingsTests
{
    [Fact]
    public void NothingConfigured_GivesGenerousDefaults()
    {
        var settings = RateLimitSettings.From(new ConfigurationBuilder().Build());

        Assert.Equal(RateLimitSettings.Defaults, settings);
        Assert.True(settings.TenantTokensPerSecond >= 10_000 && settings.SubmitPerUserPerMinute >= 10);
        Assert.True(settings.UserTokensPerSecond >= 10 && settings.UserBurst >= 100, "the per-user bucket must sit well above one person's use");
    }

    [Fact]
    public void UserSettings_AreRead_AndANonPositiveOneStopsStartupNamingIt()
    {
        var configured = RateLimitSettings.From(new ConfigurationBuilder().AddInMemoryCollection(
            [new("RateLimits:UserBurst", "40"), new("RateLimits:UserTokensPerSecond", "2.5")]).Build());
        var error = Assert.Throws<InvalidOperationException>(() => RateLimitSettings.From(
            new ConfigurationBuilder().AddInMemoryCollection([new("RateLimits:UserBurst", "-1")]).Build()));

        Assert.Equal((2.5, 40), (configured.UserTokensPerSecond, configured.UserBurst));
        Assert.Contains("RateLimits:UserBurst", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonPositiveSetting_StopsStartupNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("RateLimits:TenantBurst", "0")]).Build();

        var error = Assert.Throws<InvalidOperationException>(() => RateLimitSettings.From(configuration));
        Assert.Contains("RateLimits:TenantBurst", error.Message, StringComparison.Ordinal);
    }
}
