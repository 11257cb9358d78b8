using System.Net;
using System.Security.Claims;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Infrastructure.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EdTech.Bff.Tests.Security;

/// <summary>Validly signed tokens whose shape is still wrong: refused before any handler runs.</summary>
public sealed class TokenShapeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ListValuedTenantClaim_Is401()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var token = Sign(new Dictionary<string, object> { ["tenant"] = new[] { school.Tenant, "other-school" }, ["roles"] = new[] { "tenant-admin" } }, "admin1");

        var (status, body, response) = await school.Client.GetAsync("/api/admin/courses", token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("exactly one tenant", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Unauthenticated", body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task DuplicatedTenantKeyInThePayload_Is401()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = $$"""{"iss":"{{LocalTokenIssuer.Issuer}}","aud":"{{LocalTokenIssuer.Audience}}","sub":"admin1","tenant":"{{school.Tenant}}","tenant":"other-school","roles":["tenant-admin"],"iat":{{now}},"nbf":{{now}},"exp":{{now + 600}}}""";
        var token = new JsonWebTokenHandler().CreateToken(payload, Credentials());

        var (status, _, _) = await school.Client.GetAsync("/api/admin/courses", token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Theory]
    [InlineData("admin\u0001")]
    [InlineData("admin\n1")]
    public async Task SubjectWithControlCharacters_Is401(string subject)
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var token = factory.Issuer.Mint(school.Tenant, subject, ["tenant-admin"], TimeSpan.FromMinutes(10));

        var (status, _, _) = await school.Client.GetAsync("/api/admin/courses", token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task LifetimeAboveTheCap_Is401_WithinItIsAccepted()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var forever = factory.Issuer.Mint(school.Tenant, "t1", ["teacher"], TimeSpan.FromDays(365));
        var day = factory.Issuer.Mint(school.Tenant, "t1", ["teacher"], TimeSpan.FromHours(23));
        var gradebook = $"/api/teacher/courses/{school.Course}/gradebook";

        var (tooLong, body, _) = await school.Client.GetAsync(gradebook, forever);
        var (ok, _, _) = await school.Client.GetAsync(gradebook, day);

        Assert.Equal(HttpStatusCode.Unauthorized, tooLong);
        Assert.Contains("lifetime", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ok);
    }

    [Fact]
    public async Task TenantAdminOfThePlatformTenant_CannotCreateUsersThere_403AndNothingStored()
    {
        var client = factory.CreateClient();
        var token = factory.Token("platform", "intruder", "tenant-admin");

        var (status, body, response) = await client.PostAsync("/api/admin/users", token, new { id = "ghost", displayName = "Ghost", email = "ghost@example.org", roles = new[] { "teacher" } });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Forbidden", body.GetProperty("title").GetString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(StoredRows.ReadAll(factory.DataDirectory), r => r.Tenant == "platform" && r.Container == "users" && r.Id == "ghost");
    }

    private string Sign(Dictionary<string, object> claims, string subject)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = LocalTokenIssuer.Issuer,
            Audience = LocalTokenIssuer.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = Credentials(),
        });
    }

    private SigningCredentials Credentials() => new(factory.Issuer.SigningKey, SecurityAlgorithms.HmacSha256);
}
