using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using CsCheck;
using EdTech.Bff.Tests.Fuzz;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Roster;

/// <summary>Whole-package refusals: each is problem+json naming the body or the file, and nothing stored changes.</summary>
public sealed class OneRosterPackageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private School? _school;

    private async Task<(HttpStatusCode Status, JsonElement Body)> RefusedAsync(byte[] body, string contentType = "application/zip")
    {
        _school ??= await School.CreateAsync(factory, factory.CreateClient());
        var before = StoreSnapshot.Take(factory.DataDirectory, _school.Tenant);
        var (status, json, response) = await _school.Client.ImportAsync(_school.Admin, body, contentType);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, StoreSnapshot.Take(factory.DataDirectory, _school.Tenant));
        return (status, json);
    }

    private static string[] ErrorFields(JsonElement body) => body.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public async Task NotAZip_Is400NamingTheBody()
    {
        var (status, body) = await RefusedAsync(Encoding.UTF8.GetBytes("sourcedId,name\norg1,School\n"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["body"], ErrorFields(body));
    }

    [Fact]
    public async Task CorruptedZip_IsNeverA5xx_AndARefusalChangesNothing()
    {
        _school = await School.CreateAsync(factory, factory.CreateClient());
        var zip = RosterZip.Zip(RosterZip.Valid("fz"));
        var gen = Gen.Select(Gen.Int[0, zip.Length - 1].Array[1, 8], Gen.Byte, Gen.Int[1, zip.Length], (positions, value, cut) => (positions, value, cut));

        await gen.SampleAsync(async sample =>
        {
            var body = zip.ToArray();
            foreach (var p in sample.positions)
            {
                body[p] = sample.value;
            }

            var before = StoreSnapshot.Take(factory.DataDirectory, _school.Tenant);
            var (status, _, response) = await _school.Client.ImportAsync(_school.Admin, body[..sample.cut]);
            Assert.True((int)status < 500, $"{(int)status}: {await response.Content.ReadAsStringAsync()}");
            if ((int)status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(before, StoreSnapshot.Take(factory.DataDirectory, _school.Tenant));
            }
        }, iter: 150, threads: 1);
    }

    [Fact]
    public async Task EmptyBody_Is400NamingTheBody()
    {
        var (status, body) = await RefusedAsync([]);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["body"], ErrorFields(body));
    }

    [Fact]
    public async Task JsonContentType_Is415()
    {
        var (status, _) = await RefusedAsync(RosterZip.Zip(RosterZip.Valid()), "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
    }

    [Fact]
    public async Task ZipBomb_SmallZipOf70MegabytesInflated_Is413()
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in RosterZip.Valid())
            {
                using var entry = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
                if (name == "users.csv")
                {
                    var zeros = new byte[1024 * 1024];
                    for (var i = 0; i < 70; i++)
                    {
                        entry.Write(zeros);
                    }
                }
            }
        }

        Assert.True(buffer.Length < 1024 * 1024, $"The bomb should be small: {buffer.Length}");
        var (status, body) = await RefusedAsync(buffer.ToArray());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("body", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManyEntries_Is413()
    {
        var files = RosterZip.Valid();
        for (var i = 0; i < 40; i++)
        {
            files[$"extra{i}.csv"] = "a\n";
        }

        var (status, _) = await RefusedAsync(RosterZip.Zip(files));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task MissingUsersFile_Is422NamingTheFile()
    {
        var files = RosterZip.Valid();
        files.Remove("users.csv");

        var (status, body) = await RefusedAsync(RosterZip.Zip(files));

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal(["users.csv"], ErrorFields(body));
    }

    [Fact]
    public async Task MissingRequiredColumn_Is422NamingTheFile()
    {
        var files = RosterZip.Valid();
        files["enrollments.csv"] = files["enrollments.csv"].Replace("userSourcedId", "personSourcedId", StringComparison.Ordinal);

        var (status, body) = await RefusedAsync(RosterZip.Zip(files));

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal(["enrollments.csv"], ErrorFields(body));
    }

    [Fact]
    public async Task UsersWithoutRoleColumnAndNoRolesCsv_Is422NamingUsersCsv()
    {
        var files = RosterZip.Valid();
        files["users.csv"] = files["users.csv"].Replace(",role,", ",kind,", StringComparison.Ordinal);

        var (status, body) = await RefusedAsync(RosterZip.Zip(files));

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal(["users.csv"], ErrorFields(body));
    }

    [Fact]
    public async Task UnsupportedOneRosterVersion_Is422NamingTheManifest()
    {
        var files = RosterZip.Valid();
        files["manifest.csv"] = files["manifest.csv"].Replace("oneroster.version,1.1", "oneroster.version,1.0", StringComparison.Ordinal);

        var (status, body) = await RefusedAsync(RosterZip.Zip(files));

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal(["manifest.csv"], ErrorFields(body));
    }

    [Fact]
    public async Task UnterminatedQuoteInAFile_Is422NamingTheFile()
    {
        var files = RosterZip.Valid();
        files["classes.csv"] += "x1,,,\"open title\r\n";

        var (status, body) = await RefusedAsync(RosterZip.Zip(files));

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal(["classes.csv"], ErrorFields(body));
    }
}
