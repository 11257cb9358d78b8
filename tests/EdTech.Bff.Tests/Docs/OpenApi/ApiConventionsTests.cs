using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Docs.OpenApi;

/// <summary>
/// Conventions docs/api/README.md states that no feature test pins on its own: the headers every response carries
/// (errors included), the 400 problem's type and body field, and that a single resource's ETag is for If-Match only.
/// </summary>
public sealed class ApiConventionsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Problems = "https://edtech-serverless.dev/problems/";

    [Fact]
    public async Task AnyResponse_SuccessOrProblem_IsNoStoreNosniffDenyAndNoReferrer()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (unauthenticated, problem, denied) = await school.Client.GetAsync("/api/student/dashboard", token: null);
        var (ok, _, answered) = await school.Client.GetAsync("/api/student/dashboard", school.Student1);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated);
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("application/problem+json", denied.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        foreach (var response in new[] { denied, answered })
        {
            Assert.True(response.Headers.CacheControl?.NoStore, $"{response.StatusCode}: Cache-Control {response.Headers.CacheControl}");
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }
    }

    [Fact]
    public async Task BodyThatIsNotAnObject_Is400ValidationProblem_NamingTheBodyAsAWhole()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (status, problem, response) = await school.Client.SendAsync(HttpMethod.Post, "/api/admin/courses", school.Admin, rawJson: "null");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Problems + "validation", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("$", out _), problem.ToString());
    }

    [Fact]
    public async Task MissingTokenOrRole_FrameworkRefusals_CarryTheRfc9110Types_GateRefusalsOurs()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (noToken, noTokenProblem, _) = await school.Client.GetAsync("/api/student/dashboard", token: null);
        var (wrongRole, wrongRoleProblem, _) = await school.Client.GetAsync("/api/student/dashboard", school.Teacher);
        var (unknownTenant, unknownTenantProblem, _) = await school.Client.GetAsync("/api/student/dashboard", factory.Token("no-such-school", "s1", "student"));

        Assert.Equal((HttpStatusCode.Unauthorized, "https://tools.ietf.org/html/rfc9110#section-15.5.2"), (noToken, noTokenProblem.GetProperty("type").GetString()));
        Assert.Equal((HttpStatusCode.Forbidden, "https://tools.ietf.org/html/rfc9110#section-15.5.4"), (wrongRole, wrongRoleProblem.GetProperty("type").GetString()));
        Assert.Equal((HttpStatusCode.Unauthorized, Problems + "unknown-tenant"), (unknownTenant, unknownTenantProblem.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task SingleResource_IfNoneMatchWithItsETag_IsAnsweredInFull()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var path = $"/api/teacher/courses/{school.Course}/assessments/{school.Quiz}";
        var (status, _, first) = await school.Client.GetAsync(path, school.Teacher);
        var etag = first.Headers.ETag;
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(etag);

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", school.Teacher);
        request.Headers.IfNoneMatch.Add(etag);
        using var again = await school.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotEmpty(await again.Content.ReadAsStringAsync());
    }
}
