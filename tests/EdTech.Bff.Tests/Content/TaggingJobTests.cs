using System.Net;
using System.Text.Json;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Content;

public sealed class TaggingJobTests : IAsyncLifetime
{
    private readonly ScriptedChatClient _model;
    private Func<string, string> _script = user => user.Contains("Primes?", StringComparison.Ordinal)
        ? "Sure! The tags are: primes, number theory"
        : ScriptedChatClient.Valid(difficulty: user.Contains("pi?", StringComparison.Ordinal) ? "Hard" : "easy");

    public TaggingJobTests() => _model = new(user => _script(user));

    private ApiFactory _factory = null!;
    private School _school = null!;

    private string Author => _factory.Token(_school.Tenant, "c1", Roles.ContentAuthor);

    public async Task InitializeAsync()
    {
        _factory = new ApiFactory { ChatClient = _model };
        _school = await School.CreateAsync(_factory, _factory.CreateClient());
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task CourseJob_Completes_WithSuggestionsPerItem_AndLeavesTheTeachersSkillsAlone()
    {
        var job = await WaitForAsync(await StartAsync(new { courseId = _school.Course }), "completed");

        var items = job.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("itemId").GetString()!);
        Assert.Equal(["q1", "q2", "q3", "q4"], items.Keys.Order());
        Assert.All(items.Values, i => Assert.Equal(_school.Quiz, i.GetProperty("assessmentId").GetString()));
        // v1 suggestedTags: the taxonomy ids kept; the model's off-taxonomy "number-sense" is dropped and counted.
        Assert.Equal(["arithmetic"], items["q1"].GetProperty("suggestedTags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("easy", items["q1"].GetProperty("difficulty").GetString());
        Assert.Equal("hard", items["q3"].GetProperty("difficulty").GetString());
        var q1 = items["q1"].GetProperty("suggestion");
        Assert.Equal("genai", q1.GetProperty("tagger").GetProperty("name").GetString());
        Assert.Equal(["arithmetic"], q1.GetProperty("skills").EnumerateArray().Select(s => s.GetProperty("skillId").GetString()));
        Assert.Equal(1, q1.GetProperty("dropped").GetInt32());
        var stored = await _factory.Services.GetRequiredService<IDocumentStore>().GetAsync<AssessmentRecord>(new TenantId(_school.Tenant), _school.Quiz);
        Assert.Equal(["arithmetic"], stored!.Value.Assessment.Items.Single(i => i.Id == "q1").Skills);
    }

    [Fact]
    public async Task ModelIsAskedForTheJsonSchema_AndNeverShownTheAnswerKey()
    {
        await WaitForAsync(await StartAsync(new { itemIds = new[] { "q4" } }), "completed");

        var (user, options, _) = Assert.Single(_model.Calls);
        Assert.Contains("Capital of France?", user, StringComparison.Ordinal);
        Assert.DoesNotContain("Paris", user, StringComparison.OrdinalIgnoreCase);
        var format = Assert.IsType<ChatResponseFormatJson>(options!.ResponseFormat);
        Assert.Equal("item_tags", format.SchemaName);
        Assert.Equal(["difficulty", "rationale", "tags"], format.Schema!.Value.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).Order());
    }

    [Fact]
    public async Task MalformedModelAnswer_ForOneItem_FallsBackToTheOfflineTagger_AfterOneRepairAttempt_AndTheJobCompletes()
    {
        var job = await WaitForAsync(await StartAsync(new { courseId = _school.Course }), "completed");

        var items = job.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("itemId").GetString()!);
        var fallback = items["q2"];
        Assert.Equal(2, _model.Calls.Count(c => c.UserMessage.Contains("Primes?", StringComparison.Ordinal)));
        Assert.Equal("offline", fallback.GetProperty("suggestion").GetProperty("tagger").GetProperty("name").GetString());
        Assert.Contains("not a JSON object", fallback.GetProperty("suggestion").GetProperty("rationale").GetString(), StringComparison.Ordinal);
        Assert.Equal("primes", fallback.GetProperty("suggestion").GetProperty("skills")[0].GetProperty("skillId").GetString());
        Assert.All(new[] { "q1", "q2", "q3", "q4" }, id => Assert.False(items[id].TryGetProperty("error", out var e) && e.ValueKind != JsonValueKind.Null));
        Assert.All(new[] { "q1", "q3", "q4" }, id => Assert.Equal("genai", items[id].GetProperty("suggestion").GetProperty("tagger").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task UnreachableModel_ForOneItem_FallsBackToTheOfflineTagger_AndTheJobCompletes()
    {
        var normal = _script;
        _script = user => user.Contains("pi?", StringComparison.Ordinal) ? throw new HttpRequestException("503 after retries") : normal(user);

        var job = await WaitForAsync(await StartAsync(new { itemIds = new[] { "q1", "q3" } }), "completed");

        var items = job.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("itemId").GetString()!);
        var q3 = items["q3"].GetProperty("suggestion");
        Assert.Equal("offline", q3.GetProperty("tagger").GetProperty("name").GetString());
        Assert.Contains("could not be reached", q3.GetProperty("rationale").GetString(), StringComparison.Ordinal);
        Assert.Equal("geometry", q3.GetProperty("skills")[0].GetProperty("skillId").GetString());
        Assert.Equal("easy", items["q1"].GetProperty("difficulty").GetString());
    }

    [Fact]
    public async Task JobOfAnotherTenant_IsNotFound()
    {
        var jobId = await StartAsync(new { courseId = _school.Course });
        var other = await School.CreateAsync(_factory, _school.Client);

        var (status, body, _) = await _school.Client.GetAsync($"/api/content/tagging-jobs/{jobId}", _factory.Token(other.Tenant, "c1", Roles.ContentAuthor));

        Assert.True(status == HttpStatusCode.NotFound, body.ToString());
    }

    [Theory]
    [InlineData("{}", "courseId")]
    [InlineData("""{"courseId":"math101","itemIds":["q1"]}""", "itemIds")]
    [InlineData("""{"itemIds":[]}""", "itemIds")]
    [InlineData("""{"itemIds":["q1","no-such-item"]}""", "itemIds[1]")]
    [InlineData("""{"itemIds":["q1","bad id!"]}""", "itemIds[1]")]
    [InlineData("""{"courseId":"bad id!"}""", "courseId")]
    public async Task BadInput_Is422_NamingTheField(string json, string field)
    {
        var (status, body, _) = await _school.Client.SendAsync(HttpMethod.Post, "/api/content/tagging-jobs", Author, rawJson: json);

        Assert.True(status == HttpStatusCode.UnprocessableEntity, body.ToString());
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
        Assert.Empty(_model.Calls);
    }

    [Fact]
    public async Task UnknownCourse_IsNotFound()
    {
        var (status, _, _) = await _school.Client.PostAsync("/api/content/tagging-jobs", Author, new { courseId = "no-such-course" });

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task WithoutAChatModel_TheJobRunsOffline_AndSuggestsTaxonomySkillsWithConfidenceAndDifficulty()
    {
        using var factory = new ApiFactory();
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var author = factory.Token(school.Tenant, "c1", Roles.ContentAuthor);
        // An author-written entry beside the seeded ones: every suggestion must come from this taxonomy.
        var (put, _, _) = await school.Client.SendAsync(HttpMethod.Put, "/api/content/taxonomy/skills/world-capitals", author,
            new { name = "World capitals", description = "Capital cities of countries: name the capital of a country, or the country of a capital.", examples = new[] { "capital of Japan" } });
        Assert.Equal(HttpStatusCode.Created, put);

        var (status, started, _) = await school.Client.PostAsync("/api/content/tagging-jobs", author, new { courseId = school.Course });
        Assert.True(status == HttpStatusCode.Accepted, started.ToString());
        var job = await school.PollAsync($"/api/content/tagging-jobs/{started.GetProperty("jobId").GetString()}", author, j => j.GetProperty("status").GetString() == "completed");

        var items = job.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("itemId").GetString()!);
        Assert.Equal(["q1", "q2", "q3", "q4"], items.Keys.Order());
        var q4 = items["q4"].GetProperty("suggestion");
        var taxonomy = new[] { "arithmetic", "geography", "geometry", "primes", "world-capitals" };
        Assert.Equal("geography", q4.GetProperty("skills")[0].GetProperty("skillId").GetString());
        Assert.All(items.Values.SelectMany(i => i.GetProperty("suggestion").GetProperty("skills").EnumerateArray()), s => Assert.Contains(s.GetProperty("skillId").GetString(), taxonomy));
        Assert.InRange(q4.GetProperty("skills")[0].GetProperty("confidence").GetDouble(), 0.0, 1.0);
        Assert.Equal("offline", q4.GetProperty("tagger").GetProperty("name").GetString());
        Assert.Equal("bm25-1", q4.GetProperty("tagger").GetProperty("version").GetString());
        Assert.InRange(q4.GetProperty("difficulty").GetInt32(), 1, 5);
        Assert.Equal("arithmetic", items["q1"].GetProperty("suggestion").GetProperty("skills")[0].GetProperty("skillId").GetString());
        Assert.All(items.Values, i => Assert.False(i.TryGetProperty("error", out var e) && e.ValueKind != JsonValueKind.Null));
    }

    private async Task<string> StartAsync(object body)
    {
        var (status, json, response) = await _school.Client.PostAsync("/api/content/tagging-jobs", Author, body);
        Assert.True(status == HttpStatusCode.Accepted, json.ToString());
        var jobId = json.GetProperty("jobId").GetString()!;
        Assert.EndsWith($"/api/content/tagging-jobs/{jobId}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        return jobId;
    }

    private async Task<JsonElement> WaitForAsync(string jobId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var (code, body, _) = await _school.Client.GetAsync($"/api/content/tagging-jobs/{jobId}", Author);
            Assert.Equal(HttpStatusCode.OK, code);
            last = body;
            if (body.GetProperty("status").GetString() == status)
            {
                return body;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Tagging job {jobId} did not reach {status}; last: {last}");
    }
}
