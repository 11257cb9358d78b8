using System.Net;
using System.Text.Json;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Application.Outbox;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Release;

/// <summary>
/// The real LocalHost whose ReleaseResults stops after its first step (the assessment's release record), so no
/// submission is ever flipped: what students see can then only come from the one per-assessment write.
/// </summary>
public sealed class MarkOnlyReleaseHost : IDisposable
{
    public MarkOnlyReleaseHost()
    {
        Factory = new ApiFactory();
        Host = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IReleaseWorkflow, MarkOnlyReleaseWorkflow>()));
    }

    public ApiFactory Factory { get; }

    public WebApplicationFactory<Program> Host { get; }

    public void Dispose() => Factory.Dispose();

    private sealed class MarkOnlyReleaseWorkflow(ResultsReleaser releaser) : IReleaseWorkflow
    {
        public Task StartAsync(TenantId tenant, string assessmentId, long generation, CancellationToken cancellationToken) =>
            releaser.MarkReleasedAsync(tenant, assessmentId, cancellationToken);
    }
}

/// <summary>Students see all scores of an assessment or none.</summary>
public sealed class AtomicReleaseTests(ApiFactory factory, MarkOnlyReleaseHost markOnly) : IClassFixture<ApiFactory>, IClassFixture<MarkOnlyReleaseHost>
{
    [Fact]
    public async Task Release_TheAssessmentRecordAlone_ShowsEveryStudentTheirScore_BeforeAnySubmissionIsFlipped()
    {
        var school = await School.CreateAsync(markOnly.Factory, markOnly.Host.CreateClient());
        await CreateQuizAsync(school, "atomic1", "manual");
        var first = await school.SubmitAsync(school.Student1, assessmentId: "atomic1");
        var second = await school.SubmitAsync(school.Student2, assessmentId: "atomic1");
        var before1 = await school.WaitForStatusAsync(school.Student1, first, "graded");
        var before2 = await school.WaitForStatusAsync(school.Student2, second, "graded");
        Assert.False(HasScore(before1));
        Assert.False(HasScore(before2));
        // Grading workflows over (their last step, release-if-due, would release work graded after the release).
        var durable = markOnly.Host.Services.GetRequiredService<DurableTaskClient>();
        // Grading runs in batches (docs/grading.md): wait for every grading instance of the tenant, batch or per submission.
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var grading = new List<string>();
        await foreach (var instance in durable.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = $"{school.Tenant}:grade" }))
        {
            grading.Add(instance.InstanceId);
        }

        Assert.NotEmpty(grading);
        foreach (var id in grading)
        {
            await durable.WaitForInstanceCompletionAsync(id, wait.Token);
        }

        var (status, _, _) = await school.Client.PostAsync("/api/teacher/assessments/atomic1/release", school.Teacher, new { });
        Assert.Equal(HttpStatusCode.Accepted, status);

        foreach (var (token, id) in new[] { (school.Student1, first), (school.Student2, second) })
        {
            var (code, view, _) = await school.Client.GetAsync($"/api/student/submissions/{id}", token);
            Assert.Equal(HttpStatusCode.OK, code);
            Assert.Equal("released", view.GetProperty("status").GetString());
            Assert.Equal(5, view.GetProperty("score").GetDecimal());
            Assert.Equal(5, view.GetProperty("maxScore").GetDecimal());
        }

        // The write model was never flipped: visibility came from the single per-assessment record.
        var rows = StoredRows.ReadAll(markOnly.Factory.DataDirectory).Where(r => r.Tenant == school.Tenant).ToList();
        Assert.All(rows.Where(r => r.Container == Containers.Submissions), r => Assert.Contains("\"status\":\"graded\"", r.Json, StringComparison.Ordinal));
        Assert.Single(rows, r => r.Container == Containers.AssessmentReleases && r.Id == "atomic1");
    }

    [Fact]
    public async Task Release_RealWorkflow_EveryStudentEndsReleased_AndGetsExactlyOneResultsNotification()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        await CreateQuizAsync(school, "atomic2", "manual");
        var first = await school.SubmitAsync(school.Student1, assessmentId: "atomic2");
        var second = await school.SubmitAsync(school.Student2, assessmentId: "atomic2");
        await school.WaitForStatusAsync(school.Student1, first, "graded");
        await school.WaitForStatusAsync(school.Student2, second, "graded");

        await school.Client.PostAsync("/api/teacher/assessments/atomic2/release", school.Teacher, new { });
        await school.Client.PostAsync("/api/teacher/assessments/atomic2/release", school.Teacher, new { });

        Assert.Equal(5, (await school.WaitForStatusAsync(school.Student1, first)).GetProperty("score").GetDecimal());
        Assert.Equal(5, (await school.WaitForStatusAsync(school.Student2, second)).GetProperty("score").GetDecimal());
        await WaitForNotificationLinesAsync(factory.DataDirectory, school.Tenant, 2);
        await Settled.FeedAsync(factory); // every notification record handled: a duplicate would be sent by now
        var sent = await WaitForNotificationLinesAsync(factory.DataDirectory, school.Tenant, 2);
        Assert.Equal(["s1", "s2"], sent.Select(n => n.GetProperty("recipientId").GetString()).Order());
        Assert.All(sent, n => Assert.Equal(NotificationKinds.ResultsReleased, n.GetProperty("kind").GetString()));
        var rows = StoredRows.ReadAll(factory.DataDirectory).Where(r => r.Tenant == school.Tenant).ToList();
        // Each carried by its release's integration event document (docs/notifications.md), none stored alone.
        Assert.DoesNotContain(rows, r => r.Container == Containers.Notifications);
        var outbox = rows.Where(r => r.Container == Containers.IntegrationEvents && IntegrationEventFolds.NotificationsIn(r.Json) > 0).ToList();
        Assert.Equal(2, outbox.Count);
        // Published without a "sent" re-write (docs/notifications.md): the records stay as written.
        Assert.All(outbox, r => Assert.Contains("\"status\":\"pending\"", r.Json, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StudentRead_ViewGone_Is404_WithoutFallingBackToTheWriteModel()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var id = await school.SubmitAsync(school.Student1);
        await school.WaitForStatusAsync(school.Student1, id);

        var store = factory.Services.GetRequiredService<IDocumentStore>();
        Assert.True(await store.DeleteAsync(new TenantId(school.Tenant), Containers.SubmissionViews, id));

        var (status, _, _) = await school.Client.GetAsync($"/api/student/submissions/{id}", school.Student1);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    private static bool HasScore(JsonElement view) => view.TryGetProperty("score", out var score) && score.ValueKind != JsonValueKind.Null;

    private static async Task CreateQuizAsync(School school, string id, string releaseMode)
    {
        var (status, _, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", school.Teacher, School.QuizBody(id, releaseMode));
        Assert.Equal(HttpStatusCode.Created, status);
    }

    private static async Task<IReadOnlyList<JsonElement>> WaitForNotificationLinesAsync(string dataDirectory, string tenant, int count)
    {
        var path = Path.Combine(dataDirectory, "notifications.log");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<JsonElement> mine = [];
        while (DateTime.UtcNow < deadline)
        {
            mine = File.Exists(path)
                ? [.. (await File.ReadAllLinesAsync(path)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("body")).Where(e => e.GetProperty("tenantId").GetString() == tenant)]
                : [];
            if (mine.Count >= count)
            {
                return mine;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Expected {count} notifications for {tenant}, saw {mine.Count}.");
    }
}
