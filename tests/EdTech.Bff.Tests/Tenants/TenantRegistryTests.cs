using System.Net;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Tenants;

public sealed class TenantRegistryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly Registry _registry = new(factory);

    [Fact]
    public async Task Create_WithApiMdBody_Is201WithDefaultsAndGetReturnsItWithETag()
    {
        var id = Registry.NewId("school");
        var (created, body, _) = await _registry.Client.PostAsync("/api/platform/tenants", _registry.Platform, new { id, name = "School", timeZone = "Europe/London" });
        var (status, got, response) = await _registry.GetAsync(id);

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("School", body.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("school", got.GetProperty("kind").GetString());
        Assert.Equal("active", got.GetProperty("status").GetString());
        Assert.Equal(50_000, got.GetProperty("quotas").GetProperty("maxStudents").GetInt32());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Get_UnknownTenant_Is404()
    {
        var (status, _, _) = await _registry.GetAsync("no-such-tenant");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Patch_NameQuotasFeatures_AppliesMergeAndKeepsTheRest()
    {
        var id = await _registry.CreateAsync("school");
        await _registry.PatchAsync(id, new { features = new { essays = true, genai = true } });

        var (status, body, _) = await _registry.PatchAsync(id, new { name = "Renamed", quotas = new { maxStudents = 1200 }, features = new Dictionary<string, bool?> { ["genai"] = null } });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Renamed", body.GetProperty("name").GetString());
        Assert.Equal("Europe/London", body.GetProperty("timeZone").GetString());
        Assert.Equal(1200, body.GetProperty("quotas").GetProperty("maxStudents").GetInt32());
        // Unset, the submission quota follows the size: 1.5 per student, at least 6,000.
        Assert.Equal(6_000, body.GetProperty("quotas").GetProperty("maxSubmissionsPerMinute").GetInt32());
        Assert.True(body.GetProperty("features").GetProperty("essays").GetBoolean());
        Assert.False(body.GetProperty("features").TryGetProperty("genai", out _));
    }

    [Fact]
    public async Task Patch_WithStaleIfMatch_Is412AndChangesNothing()
    {
        var id = await _registry.CreateAsync("school");
        var (_, _, first) = await _registry.GetAsync(id);
        var etag = first.Headers.ETag!.ToString();
        var (ok, _, second) = await _registry.PatchAsync(id, new { name = "One" }, etag);

        var (stale, body, _) = await _registry.PatchAsync(id, new { name = "Two" }, etag);
        var (_, now, _) = await _registry.GetAsync(id);

        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.NotEqual(etag, second.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale);
        Assert.EndsWith("/precondition-failed", body.GetProperty("type").GetString());
        Assert.Equal("One", now.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("{\"timeZone\":\"Mars/Olympus\"}", "timeZone")]
    [InlineData("{\"name\":\"\"}", "name")]
    [InlineData("{\"quotas\":{\"maxStudents\":0}}", "quotas.maxStudents")]
    [InlineData("{\"features\":{\"Bad Flag\":true}}", "features.Bad Flag")]
    [InlineData("{\"entraTenantIds\":[\"not-a-guid\"]}", "entraTenantIds[0]")]
    [InlineData("{\"quotas\":{\"maxStudents\":\"many\"}}", "quotas.maxStudents")]
    [InlineData("{\"quotas\":{\"monthlyTokenBudget\":-1}}", "quotas.monthlyTokenBudget")]
    [InlineData("{\"quotas\":{\"monthlyTokenBudget\":\"lots\"}}", "quotas.monthlyTokenBudget")]
    public async Task Patch_InvalidField_IsProblemNamingTheField(string json, string field)
    {
        var id = await _registry.CreateAsync("school");

        var (status, body, _) = await _registry.Client.SendAsync(HttpMethod.Patch, $"/api/platform/tenants/{id}", _registry.Platform, rawJson: json);

        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, status.ToString());
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task RegistryRoutes_SchoolTenantAdmin_Is403()
    {
        var id = await _registry.CreateAsync("school");
        var admin = factory.Token(id, "a1", "tenant-admin", "platform-admin");

        var (get, _, _) = await _registry.Client.GetAsync("/api/platform/tenants", admin);
        var (suspend, _, _) = await _registry.Client.PostAsync($"/api/platform/tenants/{id}/suspend", admin, new { reason = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, get);
        Assert.Equal(HttpStatusCode.Forbidden, suspend);
    }
}
