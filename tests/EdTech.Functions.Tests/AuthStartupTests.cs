using EdTech.Bff.Security.Identity;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Functions.Tests;

/// <summary>The Functions app refuses to start with incomplete identity settings, and trusts only configured issuers.</summary>
public sealed class AuthStartupTests(FunctionsHostFixture host) : IClassFixture<FunctionsHostFixture>
{
    private static InvalidOperationException Configure(params (string Key, string Value)[] settings)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration["Data"] = Path.Combine(Path.GetTempPath(), "edtech-authstart-" + Guid.NewGuid().ToString("N"));
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        return Assert.Throws<InvalidOperationException>(() => FunctionsComposition.Configure(builder));
    }

    [Fact]
    public void Startup_WithoutAudience_ThrowsNamingAuthAudience()
    {
        var error = Configure(("Auth:Issuers:0:Issuer", "https://login.microsoftonline.com/{tenantid}/v2.0"), ("Auth:Issuers:0:Authority", "https://login.microsoftonline.com/common/v2.0"));

        Assert.Contains("Auth:Audience", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_WithoutAnyIssuer_ThrowsNamingTheIssuerSetting()
    {
        var error = Configure(("Auth:Audience", "api://edtech-api"));

        Assert.Contains("Auth:Issuers:0:Issuer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_IssuerWithoutMetadata_ThrowsNamingMetadataAddress()
    {
        var error = Configure(("Auth:Audience", "api://edtech-api"), ("Auth:Issuers:0:Issuer", "https://issuer.example/v2.0"));

        Assert.Contains("Auth:Issuers:0:MetadataAddress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_RoleMappedToAnUnknownRole_ThrowsNamingTheMapEntry()
    {
        var error = Configure(("Auth:Audience", "api://edtech-api"), ("Auth:Authority", FunctionsHostFixture.Authority), ("Auth:RoleMap:Principal", "root"));

        Assert.Contains("Auth:RoleMap:Principal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionsHost_TrustsOnlyConfiguredDirectoryIssuers_NeverALocalKey()
    {
        var issuers = host.Host.Services.GetRequiredService<TrustedIssuers>().All;

        Assert.NotEmpty(issuers);
        Assert.All(issuers, i => Assert.NotNull(i.Settings));
    }
}
