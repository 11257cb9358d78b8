using System.Net;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Identity;

public sealed class EntraTokenTests(EntraHost host) : IClassFixture<EntraHost>
{
    private readonly HttpClient _client = host.App.CreateClient();

    private TestDirectory Entra => host.Directory;

    /// <summary>A school set up through the API whose registry entry maps a fresh Entra directory id.</summary>
    private async Task<(School School, string Directory)> MappedSchoolAsync()
    {
        var school = await School.CreateAsync(host.Local, _client);
        var directory = Guid.NewGuid().ToString();
        var (status, body, _) = await _client.SendAsync(HttpMethod.Patch, $"/api/platform/tenants/{school.Tenant}", host.Local.Token("platform", "root", "platform-admin"), new { entraTenantIds = new[] { directory.ToUpperInvariant() } });
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal(directory, body.GetProperty("entraTenantIds")[0].GetString());
        return (school, directory);
    }

    private Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body, HttpResponseMessage Response)> GetQuizAsync(School school, string token) =>
        _client.GetAsync($"/api/student/assessments/{school.Quiz}", token);

    [Fact]
    public async Task EntraToken_MappedDirectoryAndStudentAppRole_Is200()
    {
        var (school, directory) = await MappedSchoolAsync();

        var (status, _, _) = await GetQuizAsync(school, Entra.Token(directory, "s1", ["Student"]));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task EntraToken_UnmappedDirectory_Is401()
    {
        var (school, _) = await MappedSchoolAsync();

        var (status, _, _) = await GetQuizAsync(school, Entra.Token(Guid.NewGuid().ToString(), "s1", ["Student"]));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task EntraToken_WrongAudience_Is401()
    {
        var (school, directory) = await MappedSchoolAsync();

        var (status, _, _) = await GetQuizAsync(school, Entra.Token(directory, "s1", ["Student"], audience: "api://someone-else"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task EntraToken_WrongIssuer_Is401()
    {
        var (school, directory) = await MappedSchoolAsync();

        var (untrusted, _, _) = await GetQuizAsync(school, Entra.Token(directory, "s1", ["Student"], issuer: $"https://evil.example/{directory}/v2.0"));
        var (otherDirectory, _, _) = await GetQuizAsync(school, Entra.Token(directory, "s1", ["Student"], issuer: TestDirectory.IssuerFor(Guid.NewGuid().ToString())));

        Assert.Equal(HttpStatusCode.Unauthorized, untrusted);
        Assert.Equal(HttpStatusCode.Unauthorized, otherDirectory); // iss must name the same directory as tid
    }

    [Fact]
    public async Task EntraToken_Expired_Is401()
    {
        var (school, directory) = await MappedSchoolAsync();

        var (status, _, _) = await GetQuizAsync(school, Entra.Token(directory, "s1", ["Student"], expires: DateTime.UtcNow.AddMinutes(-10)));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task EntraToken_SignedWithAnUnpublishedKey_Is401()
    {
        var (school, directory) = await MappedSchoolAsync();

        var (status, _, _) = await GetQuizAsync(school, Entra.Token(directory, "s1", ["Student"], foreignKey: true));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task EntraToken_OfASuspendedTenant_Is403TenantSuspended()
    {
        var (school, directory) = await MappedSchoolAsync();
        await _client.PostAsync($"/api/platform/tenants/{school.Tenant}/suspend", host.Local.Token("platform", "root", "platform-admin"), new { reason = "Audit" });

        var (status, body, _) = await GetQuizAsync(school, Entra.Token(directory, "s1", ["Student"]));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.EndsWith("/tenant-suspended", body.GetProperty("type").GetString());
    }
}
