using System.Net;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.OpenApi;

/// <summary>Fetches a role's document the way a client team or API Management's import does: anonymously, over HTTP.</summary>
internal static class OpenApiDocumentFetch
{
    /// <summary>The role documents (one per Backend-for-Frontend).</summary>
    public static TheoryData<string> Roles => ["platform", "admin", "teacher", "student", "content"];

    /// <summary>A host name no document may name (the request's Host header must never become a server).</summary>
    public const string RequestHost = "client-team.test";

    public static async Task<string> GetAsync(ApiFactory factory, string role)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/openapi/{role}.json");
        request.Headers.Host = RequestHost;
        using var response = await factory.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role}: {(int)response.StatusCode} {text}");
        return text;
    }
}
