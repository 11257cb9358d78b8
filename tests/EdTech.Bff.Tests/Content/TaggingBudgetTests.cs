using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;

namespace EdTech.Bff.Tests.Content;

/// <summary>GET /api/content/tagging/budget and the registry quota behind it: counted, enforced, visible per tenant.</summary>
public sealed class TaggingBudgetTests : IAsyncLifetime
{
    private readonly ScriptedChatClient _model = new(_ => ScriptedChatClient.Valid());
    private ApiFactory _factory = null!;
    private School _school = null!;

    private string Author => _factory.Token(_school.Tenant, "c1", Roles.ContentAuthor);

    private string Platform => _factory.Token("platform", "root", "platform-admin");

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
    public async Task Budget_AfterATaggingJob_ShowsTheTokensUsedThisMonth_AndTheRemainder()
    {
        await RunJobAsync();

        var (status, budget, response) = await _school.Client.GetAsync("/api/content/tagging/budget", Author);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), budget.GetProperty("month").GetString());
        var used = budget.GetProperty("used").GetInt64();
        Assert.True(used > 0, budget.ToString());
        Assert.Equal(2_000_000, budget.GetProperty("budget").GetInt64());
        Assert.Equal(2_000_000 - used, budget.GetProperty("remaining").GetInt64());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Budget_IsPerTenant_AndTheRegistryQuotaSetsIt()
    {
        await RunJobAsync();
        var other = await School.CreateAsync(_factory, _school.Client);
        var (patched, body, _) = await _school.Client.SendAsync(HttpMethod.Patch, $"/api/platform/tenants/{other.Tenant}", Platform, new { quotas = new { monthlyTokenBudget = 5_000 } });
        Assert.True(patched == HttpStatusCode.OK, body.ToString());
        Assert.Equal(5_000, body.GetProperty("quotas").GetProperty("monthlyTokenBudget").GetInt64());

        var (_, budget, _) = await _school.Client.GetAsync("/api/content/tagging/budget", _factory.Token(other.Tenant, "c1", Roles.ContentAuthor));

        Assert.Equal(5_000, budget.GetProperty("budget").GetInt64());
        Assert.Equal(0, budget.GetProperty("used").GetInt64());
        Assert.Equal(5_000, budget.GetProperty("remaining").GetInt64());
        Assert.True(await UsedAsync() > 0);
    }

    [Fact]
    public async Task QuotaOfZero_TheJobIsTaggedOffline_SayingTheBudgetIsSpent_AndTheModelIsNotAsked()
    {
        var (patched, body, _) = await _school.Client.SendAsync(HttpMethod.Patch, $"/api/platform/tenants/{_school.Tenant}", Platform, new { quotas = new { monthlyTokenBudget = 0 } });
        Assert.True(patched == HttpStatusCode.OK, body.ToString());
        var before = _model.Calls.Count;

        var job = await RunJobAsync();

        Assert.Equal(before, _model.Calls.Count);
        Assert.All(job.GetProperty("items").EnumerateArray(), i =>
        {
            Assert.Equal("offline", i.GetProperty("suggestion").GetProperty("tagger").GetProperty("name").GetString());
            Assert.StartsWith("The tenant's monthly token budget for the chat model is spent", i.GetProperty("suggestion").GetProperty("rationale").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Budget_StudentOrTeacher_Is403()
    {
        var (student, _, _) = await _school.Client.GetAsync("/api/content/tagging/budget", _school.Student1);
        var (teacher, _, _) = await _school.Client.GetAsync("/api/content/tagging/budget", _school.Teacher);

        Assert.Equal(HttpStatusCode.Forbidden, student);
        Assert.Equal(HttpStatusCode.Forbidden, teacher);
    }

    private async Task<long> UsedAsync() => (await _school.Client.GetAsync("/api/content/tagging/budget", Author)).Body.GetProperty("used").GetInt64();

    private async Task<JsonElement> RunJobAsync()
    {
        var (status, started, _) = await _school.Client.PostAsync("/api/content/tagging-jobs", Author, new { courseId = _school.Course });
        Assert.True(status == HttpStatusCode.Accepted, started.ToString());
        return await _school.PollAsync($"/api/content/tagging-jobs/{started.GetProperty("jobId").GetString()}", Author, j => j.GetProperty("status").GetString() == "completed");
    }
}
