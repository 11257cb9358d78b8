using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;

namespace EdTech.Bff.Tests.Content;

public sealed class TaxonomyTests : IAsyncLifetime
{
    private const string Skills = "/api/content/taxonomy/skills";

    private ApiFactory _factory = null!;
    private School _school = null!;

    private string Author => _factory.Token(_school.Tenant, "c1", Roles.ContentAuthor);

    public async Task InitializeAsync()
    {
        _factory = new ApiFactory();
        _school = await School.CreateAsync(_factory, _factory.CreateClient());
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task List_OnAnEmptyTaxonomy_IsSeededFromTheSkillsTheItemsUse()
    {
        var page = await ListAsync("");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["arithmetic", "geography", "geometry", "primes"], items.Select(i => i.GetProperty("skillId").GetString()));
        Assert.All(items, i => Assert.True(i.GetProperty("seeded").GetBoolean()));
        Assert.Equal(["2+2?"], items[0].GetProperty("examples").EnumerateArray().Select(e => e.GetString()));
        Assert.False(page.TryGetProperty("next", out var next) && next.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task Put_NewSkill_Is201_ThenGetReturnsIt_AndPuttingAgainReplacesItWith200()
    {
        var body = new { name = "Fractions", description = "Equivalent fractions and the four operations.", examples = new[] { "simplify 6/8" } };

        var (created, json, response) = await PutAsync("math.fractions", body);
        var (replaced, _, _) = await PutAsync("math.fractions", body with { name = "Fractions and decimals" });
        var (status, stored, _) = await _school.Client.GetAsync($"{Skills}/math.fractions", Author);

        Assert.True(created == HttpStatusCode.Created, json.ToString());
        Assert.EndsWith($"{Skills}/math.fractions", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, replaced);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Fractions and decimals", stored.GetProperty("name").GetString());
        Assert.Equal(["simplify 6/8"], stored.GetProperty("examples").EnumerateArray().Select(e => e.GetString()));
        Assert.False(stored.GetProperty("seeded").GetBoolean());
        Assert.Equal("c1", stored.GetProperty("updatedBy").GetString());
    }

    [Fact]
    public async Task List_PagesByLimit_WithNextUntilTheLastPage()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await PutAsync($"z-skill-{i}", new { name = $"Skill {i}", description = "d" })).Status);
        }

        var ids = new List<string>();
        var pages = 0;
        string? next = null;
        do
        {
            var page = await ListAsync(next is null ? "?limit=4" : $"?limit=4&next={Uri.EscapeDataString(next)}");
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("skillId").GetString()!));
            next = page.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            pages++;
        }
        while (next is not null);

        Assert.Equal(3, pages);
        Assert.Equal(9, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Theory]
    [InlineData("ok-id", """{"description":"d"}""", "name")]
    [InlineData("ok-id", """{"name":"  ","description":"d"}""", "name")]
    [InlineData("ok-id", """{"name":"n"}""", "description")]
    [InlineData("ok-id", """{"name":"n","description":"d","examples":["fine",""]}""", "examples[1]")]
    [InlineData("bad%20id!", """{"name":"n","description":"d"}""", "skillId")]
    [InlineData("-starts-with-dash", """{"name":"n","description":"d"}""", "skillId")]
    public async Task Put_BadInput_Is422_NamingTheField(string skillId, string json, string field)
    {
        var (status, body, response) = await _school.Client.SendAsync(HttpMethod.Put, $"{Skills}/{skillId}", Author, rawJson: json);

        Assert.True(status == HttpStatusCode.UnprocessableEntity, body.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task Put_TooLongOrTooMany_Is422_NamingTheField()
    {
        var (longName, nameBody, _) = await PutAsync("ok-id", new { name = new string('n', 101), description = "d" });
        var (manyExamples, examplesBody, _) = await PutAsync("ok-id", new { name = "n", description = "d", examples = Enumerable.Repeat("e", 21).ToArray() });
        var (longId, idBody, _) = await PutAsync(new string('a', 101), new { name = "n", description = "d" });

        Assert.True(longName == HttpStatusCode.UnprocessableEntity && nameBody.GetProperty("errors").TryGetProperty("name", out _), nameBody.ToString());
        Assert.True(manyExamples == HttpStatusCode.UnprocessableEntity && examplesBody.GetProperty("errors").TryGetProperty("examples", out _), examplesBody.ToString());
        Assert.True(longId == HttpStatusCode.UnprocessableEntity && idBody.GetProperty("errors").TryGetProperty("skillId", out _), idBody.ToString());
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?next=%21%21%21", "next")]
    public async Task List_BadPaging_Is422_NamingTheParameter(string query, string field)
    {
        var (status, body, _) = await _school.Client.GetAsync(Skills + query, Author);

        Assert.True(status == HttpStatusCode.UnprocessableEntity, body.ToString());
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task SkillOfAnotherTenant_IsNotFound_AndNotListed()
    {
        await PutAsync("only-here", new { name = "Only here", description = "d" });
        var other = await School.CreateAsync(_factory, _school.Client);
        var otherAuthor = _factory.Token(other.Tenant, "c1", Roles.ContentAuthor);

        var (status, _, _) = await _school.Client.GetAsync($"{Skills}/only-here", otherAuthor);
        var (_, list, _) = await _school.Client.GetAsync(Skills + "?limit=200", otherAuthor);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("only-here", list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("skillId").GetString()));
    }

    [Fact]
    public async Task UnknownSkill_IsNotFound()
    {
        var (status, body, _) = await _school.Client.GetAsync($"{Skills}/no-such-skill", Author);

        Assert.True(status == HttpStatusCode.NotFound, body.ToString());
    }

    [Theory]
    [InlineData(Roles.Student)]
    [InlineData(Roles.Teacher)]
    public async Task StudentsAndTeachers_AreForbidden(string role)
    {
        var token = _factory.Token(_school.Tenant, role == Roles.Student ? "s1" : "t1", role);

        var (list, _, _) = await _school.Client.GetAsync(Skills, token);
        var (put, _, _) = await _school.Client.SendAsync(HttpMethod.Put, $"{Skills}/x", token, new { name = "n", description = "d" });

        Assert.Equal(HttpStatusCode.Forbidden, list);
        Assert.Equal(HttpStatusCode.Forbidden, put);
    }

    [Fact]
    public async Task ContentOpenApiDocument_ListsTheTaxonomyRoutes()
    {
        var (status, body, _) = await _school.Client.GetAsync("/api/openapi/content.json", null);

        Assert.Equal(HttpStatusCode.OK, status);
        var paths = body.GetProperty("paths");
        Assert.True(paths.GetProperty(Skills).TryGetProperty("get", out _), paths.ToString());
        Assert.True(paths.GetProperty(Skills + "/{skillId}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty(Skills + "/{skillId}").TryGetProperty("put", out _));
    }

    private async Task<JsonElement> ListAsync(string query)
    {
        var (status, body, _) = await _school.Client.GetAsync(Skills + query, Author);
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return body;
    }

    private Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PutAsync(string skillId, object body) =>
        _school.Client.SendAsync(HttpMethod.Put, $"{Skills}/{skillId}", Author, body);
}
