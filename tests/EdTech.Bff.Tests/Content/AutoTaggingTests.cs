using System.Net;
using System.Text.Json;
using EdTech.Application.Content.Tagging;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Tagging;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Content;

/// <summary>Change-feed tagging on the real LocalHost (SQLite feed, pump, in-process durable engine, offline tagger).</summary>
public sealed class AutoTaggingTests : IAsyncLifetime
{
    private CountingTagger _tagger = null!;
    private ApiFactory _factory = null!;
    private School _school = null!;

    private string Author => _factory.Token(_school.Tenant, "c1", Roles.ContentAuthor);

    private string Prefix => $"{_school.Tenant}:auto-tag:";

    public Task InitializeAsync() => StartAsync(debounceSeconds: "0.5");

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task CreatedAssessment_IsTaggedWithoutAnyoneAsking_EachItemOnce_AndWaitsPendingForReview()
    {
        await Settled.OrchestrationsAsync(_factory, Prefix + _school.Quiz + ":");

        var items = await SuggestionsAsync();
        Assert.Equal(["q1", "q2", "q3", "q4"], items.Select(i => i.GetProperty("itemId").GetString()).Order());
        Assert.All(items, i =>
        {
            Assert.Equal("pending", i.GetProperty("status").GetString());
            Assert.Equal("auto", i.GetProperty("source").GetString());
            Assert.Equal("offline", i.GetProperty("suggestion").GetProperty("tagger").GetProperty("name").GetString());
        });
        Assert.Equal("geography", items.Single(i => i.GetProperty("itemId").GetString() == "q4").GetProperty("suggestion").GetProperty("skills")[0].GetProperty("skillId").GetString());
        Assert.All(new[] { "q1", "q2", "q3", "q4" }, id => Assert.Equal(1, _tagger.CallsFor(_school.Quiz, id)));
    }

    [Fact]
    public async Task TenQuickEditsOfOneItem_MakeOneTagging_OfItsLatestContent_AndLeaveTheOtherItemsAlone()
    {
        await DisposeAsync();
        await StartAsync(debounceSeconds: "8");
        await Settled.OrchestrationsAsync(_factory, Prefix);

        for (var n = 1; n <= 10; n++)
        {
            await EditAsync(q1Prompt: $"What is {n} + 2?");
        }

        await Settled.FeedAsync(_factory);
        await Settled.OrchestrationsAsync(_factory, Prefix);

        Assert.Equal(2, _tagger.CallsFor(_school.Quiz, "q1"));
        Assert.Equal("What is 10 + 2?", _tagger.Calls.Last(c => c.ItemId == "q1").Prompt);
        Assert.All(new[] { "q2", "q3", "q4" }, id => Assert.Equal(1, _tagger.CallsFor(_school.Quiz, id)));
    }

    [Fact]
    public async Task EditLeavingTheItemsContentAlone_AndAcceptingASuggestion_TagNothingAgain()
    {
        await Settled.OrchestrationsAsync(_factory, Prefix);
        var runs = await InstanceCountAsync();

        await EditAsync(q1Prompt: "2+2?", title: "Quiz, renamed");
        var (status, body, _) = await _school.Client.PostAsync($"/api/content/suggestions/{_school.Quiz}/q1/accept", Author, new { skills = new[] { "arithmetic", "primes" } });
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        await Settled.FeedAsync(_factory);

        Assert.Equal(runs, await InstanceCountAsync());
        Assert.Equal(1, _tagger.CallsFor(_school.Quiz, "q1"));
    }

    [Fact]
    public async Task TenantSwitchedOff_StartsNoTagging_ForItsNewAssessments()
    {
        await Settled.OrchestrationsAsync(_factory, Prefix);
        var platform = _factory.Token(TenantId.PlatformValue, "root", Roles.PlatformAdmin);
        var (patched, patch, _) = await _school.Client.SendAsync(HttpMethod.Patch, $"/api/platform/tenants/{_school.Tenant}", platform,
            new { features = new Dictionary<string, bool> { [Application.Content.Tagging.AutoTagging.TaggingFeatures.AutoTagging] = false } });
        Assert.True(patched == HttpStatusCode.OK, patch.ToString());

        var (created, quiz, _) = await _school.Client.PostAsync($"/api/teacher/courses/{_school.Course}/assessments", _school.Teacher, School.QuizBody("quiz2"));
        Assert.True(created == HttpStatusCode.Created, quiz.ToString());
        await Settled.FeedAsync(_factory);

        Assert.Equal(0, await InstanceCountAsync(Prefix + "quiz2:"));
        Assert.Empty(await SuggestionsAsync("&assessmentId=quiz2"));
    }

    [Fact]
    public async Task AutoApplyOn_AcceptsConfidentSuggestions_AsANewVersion_DecidedByTheAutoTagger()
    {
        await DisposeAsync();
        await StartAsync(debounceSeconds: "0.2", autoApplyConfidence: "0.01", autoApply: true);

        var (created, quiz, _) = await _school.Client.PostAsync($"/api/teacher/courses/{_school.Course}/assessments", _school.Teacher, School.QuizBody("quiz2"));
        Assert.True(created == HttpStatusCode.Created, quiz.ToString());
        await Settled.OrchestrationsAsync(_factory, Prefix + "quiz2:");

        var items = await SuggestionsAsync("&assessmentId=quiz2");
        Assert.Equal(4, items.Count);
        Assert.All(items, i =>
        {
            Assert.Equal("accepted", i.GetProperty("status").GetString());
            Assert.Equal("system:auto-tagger", i.GetProperty("decision").GetProperty("by").GetString());
        });
    }

    private async Task StartAsync(string debounceSeconds, string? autoApplyConfidence = null, bool autoApply = false)
    {
        var settings = new Dictionary<string, string> { ["Tagging:DebounceSeconds"] = debounceSeconds };
        if (autoApplyConfidence is not null)
        {
            settings["Tagging:AutoApplyConfidence"] = autoApplyConfidence;
        }

        _factory = new ApiFactory
        {
            Settings = settings,
            TestServices = s => s.AddSingleton<ISkillTagger>(sp => _tagger = new CountingTagger(sp.GetRequiredService<OfflineSkillTagger>())),
        };
        var client = _factory.CreateClient();
        if (autoApply)
        {
            var tenant = "school-" + Guid.NewGuid().ToString("n")[..8];
            _school = await School.CreateAsync(_factory, client, tenant);
            var platform = _factory.Token(TenantId.PlatformValue, "root", Roles.PlatformAdmin);
            var (patched, patch, _) = await client.SendAsync(HttpMethod.Patch, $"/api/platform/tenants/{tenant}", platform,
                new { features = new Dictionary<string, bool> { [Application.Content.Tagging.AutoTagging.TaggingFeatures.AutoApply] = true } });
            Assert.True(patched == HttpStatusCode.OK, patch.ToString());
        }
        else
        {
            _school = await School.CreateAsync(_factory, client);
        }
    }

    private async Task<List<JsonElement>> SuggestionsAsync(string filter = "")
    {
        var (status, body, _) = await _school.Client.GetAsync($"/api/content/suggestions?courseId={_school.Course}{filter}", Author);
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return [.. body.GetProperty("items").EnumerateArray()];
    }

    private async Task EditAsync(string q1Prompt, string title = "Quiz")
    {
        var (status, _, read) = await _school.Client.GetAsync($"/api/teacher/courses/{_school.Course}/assessments/{_school.Quiz}", _school.Teacher);
        Assert.Equal(HttpStatusCode.OK, status);
        var body = new
        {
            title, dueAt = DateTimeOffset.UtcNow.AddDays(1), graceSeconds = 300, release = new { mode = "immediate" },
            items = new object[]
            {
                new { id = "q1", type = "single-choice", prompt = q1Prompt, choices = new[] { "3", "4", "5" }, answer = "4", points = 1, skills = new[] { "arithmetic" } },
                new { id = "q2", type = "multi-choice", prompt = "Primes?", choices = new[] { "2", "3", "4" }, answer = new[] { "2", "3" }, points = 2, skills = new[] { "primes" } },
                new { id = "q3", type = "numeric", prompt = "pi?", answer = 3.14, tolerance = 0.01, points = 1, skills = new[] { "geometry" } },
                new { id = "q4", type = "short-text", prompt = "Capital of France?", answer = "Paris", points = 1, skills = new[] { "geography" } },
            },
        };
        using var request = ApiClient.Request(HttpMethod.Put, $"/api/teacher/courses/{_school.Course}/assessments/{_school.Quiz}", _school.Teacher, body);
        request.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        using var response = await _school.Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<int> InstanceCountAsync(string? prefix = null)
    {
        var client = _factory.Services.GetRequiredService<DurableTaskClient>();
        var count = 0;
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix ?? Prefix }))
        {
            count++;
        }

        return count;
    }
}
