using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EdTech.Application.Audit;
using EdTech.Application.Privacy;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Privacy;

/// <summary>The erasure guard's subject lookup reads one field without a DOM: the same answers as the DOM did, on every shape.</summary>
public sealed class StudentSubjectTests
{
    public static TheoryData<string> Documents => new()
    {
        """{"userId":"s1"}""",
        """{"id":"x","nested":{"userId":"other"},"list":[{"userId":"o2"},1,"a"],"userId":"s1","after":true}""",
        """{"userId":"first","userId":"last"}""",
        """{"userId":"s1","userId":7}""",
        """{"userId":null}""",
        """{"userId":{"userId":"s1"}}""",
        """{"UserId":"s1"}""",
        """{"user\u0049d":"escaped-name","userId":"s\u00e9\n"}""",
        """[{"userId":"s1"}]""",
        "\"userId\"",
        "42",
        "{}",
        " { \"userId\" : \"spaced\" } ",
        "{\"userId\":\"" + new string('x', 3000) + "é\"}",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void SubjectOf_AnyDocument_AnswersAsTheParsedDocument(string json) =>
        Assert.Equal(ByDom(json, "userId"), StudentData.SubjectOf(Containers.Submissions, "p1", json));

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"userId":"s1"} trailing""")]
    [InlineData("""{"userId":"s1",}""")]
    [InlineData("""{"userId":"s1"}{}""")]
    public void SubjectOf_MalformedJson_ThrowsAsTheParsedDocumentDid(string json)
    {
        Assert.ThrowsAny<JsonException>(() => ByDom(json, "userId"));
        Assert.ThrowsAny<JsonException>(() => StudentData.SubjectOf(Containers.Submissions, "p1", json));
    }

    [Theory]
    [InlineData("t1", "s1")]
    [InlineData("tenant-2", "user\nwith-ünïcode")]
    [InlineData("t1", "")]
    public void SubjectHash_IsSha256OfTenantNewlineUser(string tenant, string user)
    {
        var expected = "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant}\n{user}")).AsSpan(0, 16));

        Assert.Equal(expected, SubjectHash.Of(new TenantId(tenant), user));
    }

    [Fact]
    public void SubjectHash_LongUserId_HashesAllOfIt()
    {
        var user = new string('u', 2000);
        var expected = "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"t1\n{user}")).AsSpan(0, 16));

        Assert.Equal(expected, SubjectHash.Of(new TenantId("t1"), user));
    }

    private static string? ByDom(string json, string field)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object && root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
    }
}
