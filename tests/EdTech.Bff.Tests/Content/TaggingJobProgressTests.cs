using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;

namespace EdTech.Bff.Tests.Content;

/// <summary>A running tagging job's GET: progress (done of total, failures) while it runs, and its items paged as other lists.</summary>
public sealed class TaggingJobProgressTests : IAsyncLifetime
{
    private readonly ManualResetEventSlim _gate = new(initialState: true);
    private ScriptedChatClient _model = null!;
    private ApiFactory _factory = null!;
    private School _school = null!;

    private string Author => _factory.Token(_school.Tenant, "c1", Roles.ContentAuthor);

    public async Task InitializeAsync()
    {
        // The model holds its answer for the "Blocked?" item until the test opens the gate: that chunk stays in flight.
        _model = new ScriptedChatClient(user =>
        {
            if (user.Contains("Blocked?", StringComparison.Ordinal))
            {
                _gate.Wait(TimeSpan.FromSeconds(30));
            }

            return ScriptedChatClient.Valid();
        });
        _factory = new ApiFactory { ChatClient = _model };
        _school = await School.CreateAsync(_factory, _factory.CreateClient());
        // A second assessment of 12 items: with the quiz's 4, the course job is 16 items in 4 chunks of 5.
        var items = Enumerable.Range(1, 11).Select(i => (object)new { id = $"b{i}", type = "short-text", prompt = $"Item {i}?", answer = "x", points = 1, skills = new[] { "arithmetic" } })
            .Append(new { id = "b12", type = "short-text", prompt = "Blocked?", answer = "x", points = 1, skills = new[] { "arithmetic" } }).ToList();
        var body = new { id = "quiz2", title = "Long quiz", dueAt = DateTimeOffset.UtcNow.AddDays(1), graceSeconds = 300, release = new { mode = "immediate" }, items };
        var (status, created, _) = await _school.Client.PostAsync($"/api/teacher/courses/{_school.Course}/assessments", _school.Teacher, body);
        Assert.True(status == HttpStatusCode.Created, created.ToString());
    }

    public Task DisposeAsync()
    {
        _gate.Set();
        _factory.Dispose();
        _gate.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunningJob_ShowsDoneBelowTotal_ThenDoneEqualsTotal()
    {
        _gate.Reset();
        var jobId = await StartAsync();
        var path = $"/api/content/tagging-jobs/{jobId}";

        // Every chunk but the held one finishes: the job is running and shows it.
        var running = await _school.PollAsync(path, Author, j => j.GetProperty("done").GetInt32() >= 11);
        Assert.Equal("running", running.GetProperty("status").GetString());
        Assert.Equal(16, running.GetProperty("total").GetInt32());
        Assert.Equal(16, running.GetProperty("itemCount").GetInt32());
        Assert.InRange(running.GetProperty("done").GetInt32(), 11, 15);
        Assert.Equal(running.GetProperty("done").GetInt32(), running.GetProperty("items").GetArrayLength());
        Assert.Equal(0, running.GetProperty("failed").GetInt32());
        Assert.Equal(0, running.GetProperty("failures").GetArrayLength());

        _gate.Set();
        var done = await _school.PollAsync(path, Author, j => j.GetProperty("status").GetString() == "completed");

        Assert.Equal((16, 16), (done.GetProperty("done").GetInt32(), done.GetProperty("total").GetInt32()));
        Assert.Equal(16, done.GetProperty("items").GetArrayLength());
        Assert.False(done.TryGetProperty("next", out var next) && next.ValueKind != JsonValueKind.Null, done.ToString());
    }

    [Fact]
    public async Task FinishedJob_ItemsArePaged_WithLimitAndNext_InJobOrder()
    {
        var jobId = await StartAsync();
        await _school.PollAsync($"/api/content/tagging-jobs/{jobId}", Author, j => j.GetProperty("status").GetString() == "completed");

        var ids = new List<string>();
        var path = $"/api/content/tagging-jobs/{jobId}?limit=6";
        for (var page = 0; page < 3; page++)
        {
            var (status, body, _) = await _school.Client.GetAsync(path, Author);
            Assert.True(status == HttpStatusCode.OK, body.ToString());
            ids.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!));
            Assert.Equal(16, body.GetProperty("done").GetInt32());
            var hasNext = body.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String;
            Assert.Equal(page < 2, hasNext);
            path = hasNext ? $"/api/content/tagging-jobs/{jobId}?limit=6&next={Uri.EscapeDataString(next.GetString()!)}" : path;
        }

        Assert.Equal(16, ids.Count);
        Assert.Equal(16, ids.Distinct().Count());
        Assert.Equal(["q1", "q2", "q3", "q4"], ids.Where(i => i.StartsWith('q')).Order());
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?next=not-a-token!", "next")]
    public async Task BadPaging_Is422_NamingTheField(string query, string field)
    {
        var jobId = await StartAsync();

        var (status, body, _) = await _school.Client.GetAsync($"/api/content/tagging-jobs/{jobId}{query}", Author);

        Assert.True(status == HttpStatusCode.UnprocessableEntity, body.ToString());
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    private async Task<string> StartAsync()
    {
        var (status, json, _) = await _school.Client.PostAsync("/api/content/tagging-jobs", Author, new { courseId = _school.Course });
        Assert.True(status == HttpStatusCode.Accepted, json.ToString());
        return json.GetProperty("jobId").GetString()!;
    }
}
