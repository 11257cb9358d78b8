using System.Globalization;
using System.Security.Claims;
using EdTech.Bff.Security;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Configuration;

namespace EdTech.Bff.Tests.Security;

/// <summary><see cref="TokenRules"/> on its own: the shape rules' boundaries, the lifetime's start, the setting.</summary>
public sealed class TokenRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly TokenRules Rules = new(TimeSpan.FromHours(1));

    [Fact]
    public void Check_OneTenantOneSubjectWithinTheLifetime_IsAccepted()
    {
        Assert.Null(Rules.Check(Token(), Now));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 2)]
    public void Check_NotExactlyOneTenantAndOneSubject_Is401(int tenants, int subjects)
    {
        var claims = Enumerable.Repeat(new Claim(EdTechClaims.Tenant, "school-a"), tenants)
            .Concat(Enumerable.Repeat(new Claim(EdTechClaims.Subject, "u1"), subjects))
            .Concat(Lifetime(Now, TimeSpan.FromMinutes(5)));

        var refusal = Rules.Check(Principal(claims), Now);

        Assert.Equal(401, refusal?.Status);
        Assert.Contains("exactly one tenant and one subject", refusal!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(TokenRules.MaxSubjectLength, true)]
    [InlineData(TokenRules.MaxSubjectLength + 1, false)]
    public void Check_SubjectLength_IsOneTo256(int length, bool accepted)
    {
        var refusal = Rules.Check(Token(subject: new string('u', length)), Now);

        Assert.Equal(accepted, refusal is null);
        if (!accepted)
        {
            Assert.Equal(401, refusal!.Status);
            Assert.Contains("1 to 256 characters", refusal.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_LifetimeExactlyTheMaximum_IsAccepted_OneSecondMoreIs401()
    {
        Assert.Null(Rules.Check(Token(lifetime: TimeSpan.FromHours(1)), Now));

        var refusal = Rules.Check(Token(lifetime: TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1)), Now);

        Assert.Equal(401, refusal?.Status);
        Assert.Equal("The token's lifetime exceeds the maximum of 01:00:00.", refusal!.Detail);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("1.5")]
    public void Check_ExpMissingOrNotWholeSeconds_Is401(string? exp)
    {
        var claims = Basic().Append(new Claim("iat", Unix(Now)));
        if (exp is not null)
        {
            claims = claims.Append(new Claim("exp", exp));
        }

        Assert.Equal(401, Rules.Check(Principal(claims), Now)?.Status);
    }

    [Fact]
    public void Check_TwoExpClaims_Is401()
    {
        var claims = Basic().Append(new Claim("iat", Unix(Now))).Append(new Claim("exp", Unix(Now.AddMinutes(5)))).Append(new Claim("exp", Unix(Now.AddMinutes(6))));

        Assert.Equal(401, Rules.Check(Principal(claims), Now)?.Status);
    }

    [Fact]
    public void Check_LifetimeStartsAtIat_BeforeNbf()
    {
        // iat two hours before exp (too long), nbf ten minutes before (fine): iat decides.
        var exp = Now.AddMinutes(10);
        var claims = Basic().Append(new Claim("exp", Unix(exp))).Append(new Claim("iat", Unix(exp.AddHours(-2)))).Append(new Claim("nbf", Unix(exp.AddMinutes(-10))));

        Assert.Equal(401, Rules.Check(Principal(claims), Now)?.Status);
    }

    [Fact]
    public void Check_WithoutIat_LifetimeStartsAtNbf()
    {
        var exp = Now.AddMinutes(10);
        var tooLong = Basic().Append(new Claim("exp", Unix(exp))).Append(new Claim("nbf", Unix(exp.AddHours(-2))));
        var fine = Basic().Append(new Claim("exp", Unix(exp))).Append(new Claim("nbf", Unix(exp.AddMinutes(-59))));

        Assert.Equal(401, Rules.Check(Principal(tooLong), Now)?.Status);
        Assert.Null(Rules.Check(Principal(fine), Now));
    }

    [Fact]
    public void Check_WithoutIatOrNbf_LifetimeStartsNow()
    {
        var claims = Basic().Append(new Claim("exp", Unix(Now.AddMinutes(61))));

        Assert.Equal(401, Rules.Check(Principal(claims), Now)?.Status);
        Assert.Null(Rules.Check(Principal(claims), Now.AddMinutes(2)));
    }

    [Fact]
    public void Check_PlatformTenant_OnlyPlatformAdminRole_IsAccepted_AnyOtherRoleIs403()
    {
        Assert.Null(Rules.Check(Token(TenantId.PlatformValue, roles: [Roles.PlatformAdmin]), Now));
        Assert.Null(Rules.Check(Token(TenantId.PlatformValue, roles: []), Now));

        var refusal = Rules.Check(Token(TenantId.PlatformValue, roles: [Roles.PlatformAdmin, Roles.TenantAdmin]), Now);

        Assert.Equal(403, refusal?.Status);
        Assert.Contains("only the platform-admin role", refusal!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SchoolTenant_AnyRole_IsAccepted()
    {
        Assert.Null(Rules.Check(Token("school-a", roles: [Roles.Teacher, Roles.TenantAdmin]), Now));
    }

    [Fact]
    public void CheckAndFrom_Null_FailNamingTheArgument()
    {
        Assert.Equal("user", Assert.Throws<ArgumentNullException>(() => Rules.Check(null!, Now)).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => TokenRules.From(null!)).ParamName);
    }

    [Fact]
    public void From_NoSetting_IsTheDefault24Hours()
    {
        Assert.Equal(TimeSpan.FromHours(24), TokenRules.DefaultMaxLifetime);
        Assert.Equal(TokenRules.DefaultMaxLifetime, TokenRules.From(Config(null)).MaxLifetime);
        Assert.Equal(TokenRules.DefaultMaxLifetime, TokenRules.From(Config("  ")).MaxLifetime);
    }

    [Fact]
    public void From_PositiveTimeSpan_IsTheMaximum()
    {
        Assert.Equal(TimeSpan.FromMinutes(90), TokenRules.From(Config("01:30:00")).MaxLifetime);
        Assert.Equal(TimeSpan.FromTicks(1), TokenRules.From(Config("00:00:00.0000001")).MaxLifetime);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-01:00:00")]
    [InlineData("an hour")]
    public void From_ZeroNegativeOrUnreadable_FailsNamingTheSetting(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TokenRules.From(Config(value)));

        Assert.Contains("Auth:MaxTokenLifetime", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
    }

    private static ClaimsPrincipal Token(string tenant = "school-a", string subject = "u1", TimeSpan? lifetime = null, IEnumerable<string>? roles = null) =>
        Principal(Basic(tenant, subject)
            .Concat(Lifetime(Now, lifetime ?? TimeSpan.FromMinutes(5)))
            .Concat((roles ?? [Roles.Teacher]).Select(r => new Claim(EdTechClaims.Roles, r))));

    private static IEnumerable<Claim> Basic(string tenant = "school-a", string subject = "u1") =>
        [new Claim(EdTechClaims.Tenant, tenant), new Claim(EdTechClaims.Subject, subject)];

    private static IEnumerable<Claim> Lifetime(DateTimeOffset issued, TimeSpan lifetime) =>
        [new Claim("iat", Unix(issued)), new Claim("exp", Unix(issued + lifetime))];

    private static string Unix(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static ClaimsPrincipal Principal(IEnumerable<Claim> claims) => new(new ClaimsIdentity(claims, "test"));

    private static IConfiguration Config(string? maxLifetime) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:MaxTokenLifetime"] = maxLifetime }).Build();
}
