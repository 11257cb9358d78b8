using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Hosting;
using EdTech.Infrastructure.Identity;

namespace EdTech.LocalHost.Tests.Process;

/// <summary>The real LocalHost process (Kestrel, real files): what only the one-machine host can get wrong. Linux/macOS, as the LocalHost (README).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalDataAndBodyLimitTests
{
    [Fact]
    public async Task FreshDataFolder_FolderAndFilesAreOwnerOnly()
    {
        var data = Path.Combine("/tmp", "edt-perm-" + Guid.NewGuid().ToString("n")[..8]);
        try
        {
            await using var host = await LocalHostProcess.StartAsync(data, TimeSpan.FromSeconds(60));
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            var issuer = LocalTokenIssuer.ForDataDirectory(data);
            await CreateTenantAsync(http, issuer, "perm-school");

            var wide = Directory.EnumerateFileSystemEntries(data, "*", SearchOption.AllDirectories).Append(data)
                .Where(p => !File.GetAttributes(p).HasFlag(FileAttributes.ReparsePoint))
                .Select(p => (Path: p, Mode: File.GetUnixFileMode(p)))
                .Where(e => (e.Mode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
                .Select(e => $"{e.Path} {PrivateDataFolder.Octal(e.Mode)}");

            Assert.Equal("700", PrivateDataFolder.Octal(File.GetUnixFileMode(data)));
            Assert.True(File.Exists(Path.Combine(data, "edtech.db")), "no edtech.db in " + data);
            Assert.Empty(wide);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void ExistingWideFolder_IsReported()
    {
        var data = Path.Combine("/tmp", "edt-wide-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(data);
        try
        {
            File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

            var warning = PrivateDataFolder.Ensure(data);

            Assert.NotNull(warning);
            Assert.Contains("755", warning, StringComparison.Ordinal);
            Assert.Null(PrivateDataFolder.Ensure(Path.Combine(data, "fresh")));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Theory]
    [InlineData(6 * 1024 * 1024, false, HttpStatusCode.BadRequest)]
    [InlineData(17 * 1024 * 1024, false, (HttpStatusCode)413)]
    [InlineData(17 * 1024 * 1024, true, (HttpStatusCode)413)]
    public async Task RosterBody_BetweenKestrelDefaultAndRouteLimit_IsTheRoutesAnswer_NeverA5xx(int bytes, bool chunked, HttpStatusCode expected)
    {
        var data = Path.Combine("/tmp", "edt-body-" + Guid.NewGuid().ToString("n")[..8]);
        try
        {
            await using var host = await LocalHostProcess.StartAsync(data, TimeSpan.FromSeconds(60));
            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var issuer = LocalTokenIssuer.ForDataDirectory(data);
            await CreateTenantAsync(http, issuer, "body-school");
            var body = new byte[bytes];
            Random.Shared.NextBytes(body);
            HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/roster/oneroster") { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Mint("body-school", "admin-1", [Roles.TenantAdmin], TimeSpan.FromMinutes(10)));
            // As a well-behaved client uploading megabytes: wait for the server's go-ahead, so a refusal is read, not a broken pipe.
            request.Headers.ExpectContinue = true;
            if (chunked)
            {
                request.Headers.TransferEncodingChunked = true;
            }

            using var response = await http.SendAsync(request);

            Assert.Equal(expected, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task CreateTenantAsync(HttpClient http, LocalTokenIssuer issuer, string tenant)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/platform/tenants") { Content = JsonContent.Create(new { id = tenant, name = "School", timeZone = "UTC" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Mint(TenantId.PlatformValue, "root", [Roles.PlatformAdmin], TimeSpan.FromMinutes(10)));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
