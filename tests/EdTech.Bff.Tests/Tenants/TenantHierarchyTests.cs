using System.Net;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Tenants;

public sealed class TenantHierarchyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly Registry _registry = new(factory);

    [Fact]
    public async Task SchoolsUnderAGroup_AreListedByParentId()
    {
        var district = await _registry.CreateAsync("district", kind: "group");
        var a = await _registry.CreateAsync("school", parentId: district);
        var b = await _registry.CreateAsync("college", kind: "college");
        var (patched, _, _) = await _registry.PatchAsync(b, new { parentId = district });

        var (status, body, _) = await _registry.Client.GetAsync($"/api/platform/tenants?parentId={district}", _registry.Platform);

        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal(HttpStatusCode.OK, status);
        var ids = body.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task Parent_ThatIsASchool_Is422OnParentId()
    {
        var school = await _registry.CreateAsync("school");

        var (status, body, _) = await _registry.Client.PostAsync("/api/platform/tenants", _registry.Platform, new { id = Registry.NewId("x"), name = "X", timeZone = "UTC", parentId = school });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("parentId", out _));
    }

    [Fact]
    public async Task Parent_ThatDoesNotExist_Is422OnParentId()
    {
        var school = await _registry.CreateAsync("school");

        var (status, body, _) = await _registry.PatchAsync(school, new { parentId = "no-such-group" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("parentId", out _));
    }

    [Fact]
    public async Task Parent_ThatWouldMakeACycle_Is422AndNothingChanges()
    {
        var top = await _registry.CreateAsync("state", kind: "group");
        var middle = await _registry.CreateAsync("district", kind: "group", parentId: top);

        var (status, body, _) = await _registry.PatchAsync(top, new { parentId = middle });
        var (_, stored, _) = await _registry.GetAsync(top);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("cycle", body.GetProperty("errors").GetProperty("parentId")[0].GetString(), StringComparison.Ordinal);
        Assert.False(stored.TryGetProperty("parentId", out _));
    }

    [Fact]
    public async Task ParentId_Null_DetachesFromTheGroup()
    {
        var district = await _registry.CreateAsync("district", kind: "group");
        var school = await _registry.CreateAsync("school", parentId: district);

        var (status, body, _) = await _registry.Client.SendAsync(HttpMethod.Patch, $"/api/platform/tenants/{school}", _registry.Platform, rawJson: "{\"parentId\":null}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.TryGetProperty("parentId", out _));
    }
}
