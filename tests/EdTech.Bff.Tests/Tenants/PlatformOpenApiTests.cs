using System.Net;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Tenants;

public sealed class PlatformOpenApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task PlatformDocument_ListsEveryRegistryRoute()
    {
        var (status, body, _) = await factory.CreateClient().GetAsync("/api/openapi/platform.json", null);

        Assert.Equal(HttpStatusCode.OK, status);
        var paths = body.GetProperty("paths");
        foreach (var path in new[] { "/api/platform/tenants", "/api/platform/tenants/{id}", "/api/platform/tenants/{id}/suspend", "/api/platform/tenants/{id}/reactivate" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        Assert.True(paths.GetProperty("/api/platform/tenants/{id}").TryGetProperty("patch", out _));
    }
}
