using System.Net;
using System.Text.Json;
using EdTech.Application.Audit;
using EdTech.Application.Content.Suggestions;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Content;

/// <summary>Reviewing suggestions (made by a tagging job, offline tagger) through the real pipeline: list, accept, edit, reject, accept all.</summary>
public sealed class SuggestionReviewTests : IAsyncLifetime
{
    private ApiFactory _factory = null!;
    private School _school = null!;

    private string Author => _factory.Token(_school.Tenant, "c1", Roles.ContentAuthor);

    private IDocumentStore Store => _factory.Services.GetRequiredService<IDocumentStore>();

    public async Task InitializeAsync()
    {
        _factory = new ApiFactory();
        _school = await School.CreateAsync(_factory, _factory.CreateClient());
        var (status, started, _) = await _school.Client.PostAsync("/api/content/tagging-jobs", Author, new { courseId = _school.Course });
        Assert.True(status == HttpStatusCode.Accepted, started.ToString());
        await _school.PollAsync($"/api/content/tagging-jobs/{started.GetProperty("jobId").GetString()}", Author, j => j.GetProperty("status").GetString() == "completed");
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TaggingJob_LeavesOnePendingSuggestionPerItem_InTheTaggingJobItemShape()
    {
        var items = await ListAsync("&status=pending");

        Assert.Equal(["q1", "q2", "q3", "q4"], items.Select(i => i.GetProperty("itemId").GetString()).Order());
        var q4 = items.Single(i => i.GetProperty("itemId").GetString() == "q4");
        Assert.Equal(_school.Quiz, q4.GetProperty("assessmentId").GetString());
        Assert.Equal("geography", q4.GetProperty("suggestedTags")[0].GetString());
        Assert.Equal("geography", q4.GetProperty("suggestion").GetProperty("skills")[0].GetProperty("skillId").GetString());
        Assert.Equal(1, q4.GetProperty("assessmentVersion").GetInt32());
    }

    [Fact]
    public async Task AcceptWithEditedSkills_MakesThemTheItemsSkills_InANewAssessmentVersion_Audited()
    {
        var (status, body, _) = await DecideAsync("q1", "accept", new { skills = new[] { "arithmetic", "primes" } });

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal("accepted", body.GetProperty("status").GetString());
        Assert.Equal("c1", body.GetProperty("decision").GetProperty("by").GetString());
        Assert.Equal(2, body.GetProperty("decision").GetProperty("appliedVersion").GetInt32());
        var tenant = new TenantId(_school.Tenant);
        var current = (await Store.GetAsync<AssessmentRecord>(tenant, _school.Quiz))!.Value;
        Assert.Equal(2, current.Version);
        Assert.Equal(["arithmetic", "primes"], current.Assessment.Items.Single(i => i.Id == "q1").Skills);
        Assert.Equal(["primes"], current.Assessment.Items.Single(i => i.Id == "q2").Skills);
        var v1 = (await Store.GetAsync<AssessmentVersionRecord>(tenant, AssessmentVersionRecord.IdOf(_school.Quiz, 1)))!.Value;
        Assert.Equal(["arithmetic"], v1.Assessment.Items.Single(i => i.Id == "q1").Skills);
        var entry = Assert.Single(await _factory.Services.GetRequiredService<IAuditLog>().AboutAsync(tenant, ItemSkillsWriter.SubjectOf(_school.Quiz, "q1"), CancellationToken.None));
        Assert.Equal(("c1", AuditActions.ItemSkillsChanged, """["arithmetic"]""", """["arithmetic","primes"]"""), (entry.ActorUserId, entry.Action, entry.Old, entry.New));
    }

    [Fact]
    public async Task AcceptWithoutBody_AppliesTheSuggestedSkills()
    {
        var suggested = (await ListAsync()).Single(i => i.GetProperty("itemId").GetString() == "q3")
            .GetProperty("suggestion").GetProperty("skills").EnumerateArray().Select(s => s.GetProperty("skillId").GetString()!).ToList();
        using var request = ApiClient.Request(HttpMethod.Post, $"/api/content/suggestions/{_school.Quiz}/q3/accept", Author);
        using var response = await _school.Client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var current = (await Store.GetAsync<AssessmentRecord>(new TenantId(_school.Tenant), _school.Quiz))!.Value;
        Assert.Equal(suggested, current.Assessment.Items.Single(i => i.Id == "q3").Skills);
    }

    [Theory]
    [InlineData("accept", "accept")]
    [InlineData("reject", "accept")]
    [InlineData("accept", "reject")]
    public async Task DecidingADecidedSuggestion_Is409(string first, string second)
    {
        var (decided, body, _) = await DecideAsync("q2", first, new { });
        Assert.True(decided == HttpStatusCode.OK, body.ToString());

        var (again, problem, _) = await DecideAsync("q2", second, new { });

        Assert.True(again == HttpStatusCode.Conflict, problem.ToString());
    }

    [Fact]
    public async Task Reject_LeavesTheItemsSkills_AndListsAsRejected()
    {
        var (status, body, _) = await DecideAsync("q4", "reject", null);

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        var current = (await Store.GetAsync<AssessmentRecord>(new TenantId(_school.Tenant), _school.Quiz))!.Value;
        Assert.Equal(1, current.Version);
        Assert.Equal(["q4"], (await ListAsync("&status=rejected")).Select(i => i.GetProperty("itemId").GetString()));
        Assert.Equal(["rejected"], (await ListAsync($"&assessmentId={_school.Quiz}&itemId=q4")).Select(i => i.GetProperty("status").GetString()));
        Assert.Equal(3, (await ListAsync("&status=pending")).Count);
    }

    [Fact]
    public async Task AcceptWithSkillsOutsideTheTaxonomy_Is422_NamingThem_AndChangesNothing()
    {
        var (status, body, _) = await DecideAsync("q1", "accept", new { skills = new[] { "arithmetic", "no-such-skill", "bad id!" } });

        Assert.True(status == HttpStatusCode.UnprocessableEntity, body.ToString());
        var errors = body.GetProperty("errors");
        Assert.Contains("no-such-skill", errors.GetProperty("skills[1]")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("skills[2]", out _), body.ToString());
        Assert.False(errors.TryGetProperty("skills[0]", out _), body.ToString());
        Assert.Equal(4, (await ListAsync("&status=pending")).Count);
    }

    [Fact]
    public async Task AnotherTenantsItem_Is404_AndItsSuggestionStaysPending()
    {
        var other = await School.CreateAsync(_factory, _school.Client);
        var stranger = _factory.Token(other.Tenant, "c1", Roles.ContentAuthor);

        var (accept, body, _) = await _school.Client.PostAsync($"/api/content/suggestions/{_school.Quiz}/q1/accept", stranger, new { });
        var (reject, _, _) = await _school.Client.PostAsync($"/api/content/suggestions/{_school.Quiz}/q1/reject", stranger, new { });
        var (list, _, _) = await _school.Client.GetAsync($"/api/content/suggestions?courseId=no-such-course", stranger);

        Assert.True(accept == HttpStatusCode.NotFound, body.ToString());
        Assert.Equal(HttpStatusCode.NotFound, reject);
        Assert.Equal(HttpStatusCode.NotFound, list);
        Assert.Equal(4, (await ListAsync("&status=pending")).Count);
    }

    [Fact]
    public async Task List_PagesWithNext_UntilTheLastPage()
    {
        var ids = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var (status, page, _) = await _school.Client.GetAsync($"/api/content/suggestions?courseId={_school.Course}&limit=3{(next is null ? "" : "&next=" + Uri.EscapeDataString(next))}", Author);
            Assert.True(status == HttpStatusCode.OK, page.ToString());
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!));
            next = page.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            pages++;
        }
        while (next is not null);

        Assert.Equal(2, pages);
        Assert.Equal(["q1", "q2", "q3", "q4"], ids);
    }

    [Theory]
    [InlineData("", "courseId")]
    [InlineData("?courseId=math101&status=maybe", "status")]
    [InlineData("?courseId=math101&limit=0", "limit")]
    [InlineData("?courseId=math101&next=bm9wZQ", "next")]
    [InlineData("?courseId=bad id!", "courseId")]
    [InlineData("?courseId=math101&itemId=bad id!", "itemId")]
    public async Task List_BadQuery_Is422_NamingTheField(string query, string field)
    {
        var (status, body, _) = await _school.Client.GetAsync("/api/content/suggestions" + query, Author);

        Assert.True(status == HttpStatusCode.UnprocessableEntity, body.ToString());
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task AcceptAll_AcceptsExactlyTheSuggestionsWhoseEverySkillReachesTheConfidence_InOneVersion()
    {
        var pending = await ListAsync("&status=pending");
        var lowest = pending.ToDictionary(i => i.GetProperty("itemId").GetString()!,
            i => i.GetProperty("suggestion").GetProperty("skills").EnumerateArray().Min(s => s.GetProperty("confidence").GetDouble()));
        var threshold = lowest.Values.Max();
        var expected = lowest.Where(l => l.Value >= threshold).Select(l => l.Key).Order().ToList();

        var (status, body, _) = await _school.Client.PostAsync("/api/content/suggestions/accept", Author, new { courseId = _school.Course, minConfidence = threshold });

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal(expected, body.GetProperty("accepted").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!).Order());
        Assert.Equal(4 - expected.Count, body.GetProperty("skipped").GetInt32());
        Assert.Equal(expected, (await ListAsync("&status=accepted")).Select(i => i.GetProperty("itemId").GetString()!).Order());
        var current = (await Store.GetAsync<AssessmentRecord>(new TenantId(_school.Tenant), _school.Quiz))!.Value;
        Assert.InRange(current.Version, 1, 2);
    }

    [Theory]
    [InlineData("""{"minConfidence":0.5}""", "courseId")]
    [InlineData("""{"courseId":"math101"}""", "minConfidence")]
    [InlineData("""{"courseId":"math101","minConfidence":1.5}""", "minConfidence")]
    public async Task AcceptAll_BadInput_Is422_NamingTheField(string json, string field)
    {
        var (status, body, _) = await _school.Client.SendAsync(HttpMethod.Post, "/api/content/suggestions/accept", Author, rawJson: json);

        Assert.True(status == HttpStatusCode.UnprocessableEntity, body.ToString());
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    private Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> DecideAsync(string itemId, string action, object? body) =>
        _school.Client.SendAsync(HttpMethod.Post, $"/api/content/suggestions/{_school.Quiz}/{itemId}/{action}", Author, body, body is null ? "{}" : null);

    private async Task<List<JsonElement>> ListAsync(string filter = "")
    {
        var (status, body, _) = await _school.Client.GetAsync($"/api/content/suggestions?courseId={_school.Course}{filter}", Author);
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return [.. body.GetProperty("items").EnumerateArray()];
    }
}
