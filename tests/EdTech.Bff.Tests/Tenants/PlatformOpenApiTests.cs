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

    [Fact]
    public async Task Document_ForgedHostHeader_IsNotEchoedInServers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/openapi/student.json");
        request.Headers.Host = "evil.example";

        using var response = await factory.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", text, StringComparison.OrdinalIgnoreCase);
    }
}
