using System.Net;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Identity;

public sealed class EntraRoleMappingTests(EntraHost host) : IClassFixture<EntraHost>
{
    private readonly HttpClient _client = host.App.CreateClient();

    private string LocalPlatform => host.Local.Token("platform", "root", "platform-admin");

    private async Task<(School School, string Directory)> MappedSchoolAsync()
    {
        var school = await School.CreateAsync(host.Local, _client);
        var directory = Guid.NewGuid().ToString();
        var (status, _, _) = await _client.SendAsync(HttpMethod.Patch, $"/api/platform/tenants/{school.Tenant}", LocalPlatform, new { entraTenantIds = new[] { directory } });
        Assert.Equal(HttpStatusCode.OK, status);
        return (school, directory);
    }

    [Fact]
    public async Task TenantAdminAppRole_MapsToTenantAdmin_AndActsInTheMappedTenant()
    {
        var (school, directory) = await MappedSchoolAsync();
        var token = host.Directory.Token(directory, "admin-oid", ["TenantAdmin"], extra: new Dictionary<string, object> { ["tenant"] = "platform" });

        var (created, _, _) = await _client.PostAsync("/api/admin/courses", token, new { id = "bio1", title = "Biology" });
        var (platform, _, _) = await _client.GetAsync("/api/platform/tenants", token);

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(HttpStatusCode.Forbidden, platform); // a "tenant" claim in the token is never trusted
    }

    [Fact]
    public async Task UnknownOrPlatformSpelledAppRoles_GrantNothing()
    {
        var (school, directory) = await MappedSchoolAsync();

        var (status, _, _) = await _client.GetAsync($"/api/student/assessments/{school.Quiz}", host.Directory.Token(directory, "s1", ["student", "Student.Superuser"]));

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task PlatformAdminAppRole_FromThePlatformDirectory_ReachesThePlatformApi()
    {
        var token = host.Directory.Token(EntraHost.PlatformDirectory, "ops-oid", ["PlatformAdmin"]);

        var (status, _, _) = await _client.GetAsync("/api/platform/tenants", token);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task DirectoryUnmappedByPatch_IsRejectedAtOnce()
    {
        var (school, directory) = await MappedSchoolAsync();
        var token = host.Directory.Token(directory, "s1", ["Student"]);
        var (before, _, _) = await _client.GetAsync($"/api/student/assessments/{school.Quiz}", token);

        await _client.SendAsync(HttpMethod.Patch, $"/api/platform/tenants/{school.Tenant}", LocalPlatform, rawJson: "{\"entraTenantIds\":null}");
        var (after, _, _) = await _client.GetAsync($"/api/student/assessments/{school.Quiz}", token);

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.Unauthorized, after);
    }

    [Fact]
    public async Task DirectoryAlreadyMappedToAnotherTenant_Is409()
    {
        var (_, directory) = await MappedSchoolAsync();
        var other = await School.CreateAsync(host.Local, _client);

        var (status, body, _) = await _client.SendAsync(HttpMethod.Patch, $"/api/platform/tenants/{other.Tenant}", LocalPlatform, new { entraTenantIds = new[] { directory } });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("entraTenantIds[0]", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
