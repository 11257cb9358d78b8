using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Tenants;

/// <summary>Platform-API calls for the registry tests, as the platform team.</summary>
internal sealed class Registry(ApiFactory factory)
{
    public HttpClient Client { get; } = factory.CreateClient();

    public string Platform { get; } = factory.Token("platform", "root", "platform-admin");

    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("n")[..8];

    public async Task<string> CreateAsync(string prefix, string? kind = null, string? parentId = null)
    {
        var id = NewId(prefix);
        var (status, body, _) = await Client.PostAsync("/api/platform/tenants", Platform, new { id, name = "T " + id, timeZone = "Europe/London", kind, parentId });
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        return id;
    }

    public Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PatchAsync(string id, object body, string? ifMatch = null)
    {
        var request = ApiClient.Request(HttpMethod.Patch, $"/api/platform/tenants/{id}", Platform, body);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return SendAsync(request);
    }

    public Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> GetAsync(string id) =>
        Client.GetAsync($"/api/platform/tenants/{id}", Platform);

    private async Task<(HttpStatusCode, JsonElement, HttpResponseMessage)> SendAsync(HttpRequestMessage request)
    {
        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }
}
