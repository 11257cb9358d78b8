using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Simulation;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Content;

/// <summary>Curriculum simulations through the API, on the LocalHost's durable engine: 202, then GET until completed (JSON or SVG).</summary>
public sealed class SimulationRouteTests : IAsyncLifetime
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private ApiFactory _factory = null!;
    private School _school = null!;

    private string Author => _factory.Token(_school.Tenant, "c1", Roles.ContentAuthor);

    private static object Change => new { removeItems = new[] { "quiz1/q3" }, practicePerSkill = new Dictionary<string, int> { ["arithmetic"] = 10 } };

    public async Task InitializeAsync()
    {
        _factory = new ApiFactory { Settings = new Dictionary<string, string> { ["Simulation:ChunkStudents"] = "700" } };
        _school = await School.CreateAsync(_factory, _factory.CreateClient());
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Post_Is202_ThenGetCompletes_WithBothVariantsAndTheDelta_AndTheSameSeedGivesTheSameResult()
    {
        var (status, accepted, response) = await _school.Client.PostAsync("/api/content/simulations", Author, new { courseId = _school.Course, students = 2000, seed = 7, change = Change });
        Assert.True(status == HttpStatusCode.Accepted, accepted.ToString());
        var id = accepted.GetProperty("id").GetString()!;
        Assert.Equal($"/api/content/simulations/{id}", response.Headers.Location!.OriginalString);

        var first = await CompletedAsync(id);
        Assert.Equal((2000, 7, _school.Course), (first.GetProperty("students").GetInt32(), first.GetProperty("seed").GetInt32(), first.GetProperty("courseId").GetString()));
        Assert.Equal(["arithmetic", "geography", "geometry", "primes"], first.GetProperty("baseline").GetProperty("mastery").EnumerateObject().Select(p => p.Name).Order());
        var pass = first.GetProperty("delta").GetProperty("passRate");
        var ci = pass.GetProperty("ci95").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(2, ci.Length);
        Assert.InRange(pass.GetProperty("mean").GetDouble(), ci[0], ci[1]);
        Assert.InRange(first.GetProperty("baseline").GetProperty("meanScore").GetDouble(), 0.0, 1.0);
        // More practice on arithmetic: more students reach mastery of it, and never fewer.
        Assert.True(first.GetProperty("delta").GetProperty("mastery").GetProperty("arithmetic").GetProperty("mean").GetDouble() > 0, first.ToString());
        var warnings = first.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray();
        Assert.Contains(warnings, w => w.StartsWith("item quiz1/q1: prior used", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("skill arithmetic: prior used", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("simulation noise only", StringComparison.Ordinal));

        // Again, by a tenant admin on the contract's admin prefix: the same handlers, the same result.
        var admin = _factory.Token(_school.Tenant, "admin1", Roles.TenantAdmin);
        var (again, second, secondResponse) = await _school.Client.PostAsync("/api/admin/simulations", admin, new { courseId = _school.Course, students = 2000, seed = 7, change = Change });
        Assert.True(again == HttpStatusCode.Accepted, second.ToString());
        var secondId = second.GetProperty("id").GetString()!;
        Assert.Equal($"/api/admin/simulations/{secondId}", secondResponse.Headers.Location!.OriginalString);
        var repeat = await CompletedAsync(secondId);
        var (adminGet, adminView, _) = await _school.Client.GetAsync($"/api/admin/simulations/{secondId}", admin);
        Assert.Equal(HttpStatusCode.OK, adminGet);
        Assert.Equal(repeat.GetProperty("delta").GetRawText(), adminView.GetProperty("delta").GetRawText());
        foreach (var part in new[] { "baseline", "proposal", "delta" })
        {
            Assert.Equal(first.GetProperty(part).GetRawText(), repeat.GetProperty(part).GetRawText());
        }
    }

    [Fact]
    public async Task Get_AcceptingSvg_WhenCompleted_IsAWellFormedChartWithTooltipsAndLabelledAxes()
    {
        var (_, accepted, _) = await _school.Client.PostAsync("/api/content/simulations", Author, new { courseId = _school.Course, students = 500, change = Change });
        var id = accepted.GetProperty("id").GetString()!;
        await CompletedAsync(id);

        using var request = ApiClient.Request(HttpMethod.Get, $"/api/content/simulations/{id}", Author);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/svg+xml"));
        using var svg = await _school.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        var document = XDocument.Parse(await svg.Content.ReadAsStringAsync());
        Assert.Equal(Svg + "svg", document.Root!.Name);
        var tooltips = document.Descendants(Svg + "g").Select(g => g.Element(Svg + "title")?.Value ?? "").ToArray();
        // Pass rate, mean score and four skills' mastery, each for baseline and proposal.
        Assert.Equal(12, tooltips.Length);
        Assert.Contains(tooltips, t => t.StartsWith("Pass rate, proposal: ", StringComparison.Ordinal) && t.Contains("(95% ", StringComparison.Ordinal) && t.Contains("change ", StringComparison.Ordinal));
        var texts = document.Descendants(Svg + "text").Select(t => t.Value).ToArray();
        Assert.Contains(texts, t => t.StartsWith("Share of students", StringComparison.Ordinal));
        Assert.Contains("Mastery: arithmetic", texts);
        Assert.Contains("Figure", texts);
    }

    [Fact]
    public async Task UnknownItemAndSkillIds_Are422_NamingThem()
    {
        var (status, body, response) = await _school.Client.PostAsync("/api/content/simulations", Author, new
        {
            courseId = _school.Course,
            change = new
            {
                removeItems = new[] { "quiz1/q1", "quiz1/q9" },
                addItems = new[] { new { assessmentId = "quiz1", itemId = "new1", skills = new[] { "arithmetic", "topology" }, difficulty = 0.5 } },
                practicePerSkill = new Dictionary<string, int> { ["ghost"] = 3 },
            },
        });

        Assert.True(status == HttpStatusCode.UnprocessableEntity, body.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = body.GetProperty("errors");
        Assert.Equal("Unknown item ids: quiz1/q9.", errors.GetProperty("change.removeItems")[0].GetString());
        Assert.Equal("Unknown skill ids: topology.", errors.GetProperty("change.addItems")[0].GetString());
        Assert.Equal("Unknown skill ids: ghost.", errors.GetProperty("change.practicePerSkill")[0].GetString());
        await AssertNoSimulationStoredAsync();
    }

    [Theory]
    [InlineData("""{"change":{}}""", "courseId")]
    [InlineData("""{"courseId":"math101"}""", "change")]
    [InlineData("""{"courseId":"math101","students":200001,"change":{}}""", "students")]
    [InlineData("""{"courseId":"math101","students":10,"change":{}}""", "students")]
    [InlineData("""{"courseId":"math101","change":{"addItems":[{"assessmentId":"quiz1","itemId":"n1","skills":["arithmetic"]}]}}""", "change.addItems[0].difficulty")]
    [InlineData("""{"courseId":"math101","change":{"addItems":[{"assessmentId":"quiz1","itemId":"q1","skills":["arithmetic"],"difficulty":0}]}}""", "change.addItems")]
    [InlineData("""{"courseId":"math101","change":{"masteryThreshold":1.5}}""", "change.masteryThreshold")]
    [InlineData("""{"courseId":"math101","change":{"prerequisites":{"arithmetic":["primes"],"primes":["arithmetic"]}}}""", "change.prerequisites")]
    public async Task BadInput_Is422_NamingTheField(string json, string field)
    {
        var (status, body, _) = await _school.Client.SendAsync(HttpMethod.Post, "/api/content/simulations", Author, rawJson: json);

        Assert.True(status == HttpStatusCode.UnprocessableEntity, body.ToString());
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
        await AssertNoSimulationStoredAsync();
    }

    [Fact]
    public async Task UnknownCourse_IsNotFound()
    {
        var (status, _, _) = await _school.Client.PostAsync("/api/content/simulations", Author, new { courseId = "no-such-course", change = new { } });

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task QuotaOfRunningSimulations_IsFull_Is429WithRetryAfter_AndStaleRunsDoNotCount()
    {
        var store = _factory.Services.GetRequiredService<IDocumentStore>();
        var tenant = new TenantId(_school.Tenant);
        await store.CreateAsync(tenant, Running("run-1", DateTimeOffset.UtcNow.AddMinutes(-5)));
        await store.CreateAsync(tenant, Running("run-stale", DateTimeOffset.UtcNow.AddHours(-2)));

        var (allowed, _, _) = await _school.Client.PostAsync("/api/content/simulations", Author, new { courseId = _school.Course, students = 100, change = new { } });
        await store.CreateAsync(tenant, Running("run-2", DateTimeOffset.UtcNow.AddMinutes(-1)));
        var (status, body, response) = await _school.Client.PostAsync("/api/content/simulations", Author, new { courseId = _school.Course, students = 100, change = new { } });

        Assert.Equal(HttpStatusCode.Accepted, allowed);
        Assert.True(status == HttpStatusCode.TooManyRequests, body.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter!.Delta);
        Assert.EndsWith("/simulation-quota", body.GetProperty("type").GetString(), StringComparison.Ordinal);

        var other = await School.CreateAsync(_factory, _school.Client);
        var (otherTenant, _, _) = await _school.Client.PostAsync("/api/content/simulations", _factory.Token(other.Tenant, "c1", Roles.ContentAuthor), new { courseId = other.Course, students = 100, change = new { } });
        Assert.Equal(HttpStatusCode.Accepted, otherTenant);
    }

    [Fact]
    public async Task Student_IsForbidden_AndAnotherTenantsSimulation_IsNotFound()
    {
        var (_, accepted, _) = await _school.Client.PostAsync("/api/content/simulations", Author, new { courseId = _school.Course, students = 100, change = new { } });
        var id = accepted.GetProperty("id").GetString()!;
        var other = await School.CreateAsync(_factory, _school.Client);

        var (student, _, _) = await _school.Client.PostAsync("/api/content/simulations", _school.Student1, new { courseId = _school.Course, change = new { } });
        var (studentGet, _, _) = await _school.Client.GetAsync($"/api/content/simulations/{id}", _school.Student1);
        var (foreign, body, _) = await _school.Client.GetAsync($"/api/content/simulations/{id}", _factory.Token(other.Tenant, "c1", Roles.ContentAuthor));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (student, studentGet));
        Assert.True(foreign == HttpStatusCode.NotFound, body.ToString());
    }

    private static SimulationRecord Running(string id, DateTimeOffset createdAt) =>
        new(id, SimulationStatus.Running, "math101", 100, 1, CourseChange.None, "c1", createdAt);

    private async Task<JsonElement> CompletedAsync(string id)
    {
        var done = await _school.PollAsync($"/api/content/simulations/{id}", Author, s => s.GetProperty("status").GetString() != "running", TimeSpan.FromSeconds(60));
        Assert.True(done.GetProperty("status").GetString() == "completed", done.ToString());
        return done;
    }

    private async Task AssertNoSimulationStoredAsync()
    {
        var stored = await _factory.Services.GetRequiredService<IDocumentStore>().QueryAsync<SimulationRecord>(new TenantId(_school.Tenant), DocumentQuery.All);
        Assert.Empty(stored);
    }
}
