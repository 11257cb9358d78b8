using System.Net;
using EdTech.Bff.Http;
using Microsoft.Extensions.Configuration;

namespace EdTech.Bff.Tests.Limits;

public sealed class CorsTests(CorsHost host) : IClassFixture<CorsHost>
{
    [Fact]
    public async Task Preflight_FromAllowedOrigin_GetsCorsHeaders()
    {
        var response = await host.CreateClient().SendAsync(Preflight(CorsHost.AllowedOrigin));

        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}");
        Assert.Equal(CorsHost.AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_FromOtherOrigin_GetsNoCorsHeaders()
    {
        var response = await host.CreateClient().SendAsync(Preflight("https://evil.example"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task PlainHttpLoopback_GetsNoHsts()
    {
        var response = await host.CreateClient().GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://app.example/path")]
    [InlineData("not a url")]
    public void AllowedOrigins_WildcardOrPathOrJunk_StopsStartupNamingTheSetting(string origin)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Cors:AllowedOrigins:0", origin)]).Build();

        var error = Assert.Throws<InvalidOperationException>(() => WebClients.AllowedOrigins(configuration));
        Assert.Contains("Cors:AllowedOrigins:0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowedOrigins_NoneConfigured_IsEmpty()
    {
        Assert.Empty(WebClients.AllowedOrigins(new ConfigurationBuilder().Build()));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/student/assessments/quiz1/submissions");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }
}
