using EdTech.Application;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.LocalHost.Durable;
using EdTech.Orchestrations;
using EdTech.Orchestrations.Grading;
using EdTech.Orchestrations.Hosting;
using EdTech.Orchestrations.Release;
using EdTech.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace EdTech.LocalHost.Tests.Durable;

/// <summary>
/// Durable work items per auto-graded (immediately released) submission on the LocalHost's own engine, counted by its
/// <see cref="DurableWorkCounters"/> (the edtech.durable.* metrics): a workflow per submission against one batch per chunk.
/// The figures are the ones docs/capacity.md and docs/azure.md turn into Durable Task Scheduler actions.
/// </summary>
public sealed class GradingWorkItemsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Submissions = 10;
    private static readonly TenantId Tenant = new("school-w");
    private readonly TempSqliteStore _temp = new("edt");
    private SqliteDocumentStore _store = null!;
    private IHost _host = null!;

    private DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    private DurableWorkCounters Counters => _host.Services.GetRequiredService<DurableWorkCounters>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_temp.Directory);
        _store = _temp.Store;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IDocumentStore>(_store);
        builder.Services.AddEdTechApplication();
        builder.Services.AddHybridCache(); // the hosts' composition adds it (the grading batch shows results through TeacherQueryCache)
        builder.Services.AddLocalDurableEngine(new LocalDurableEngineOptions(_temp.Directory), OrchestrationCatalog.Register);
        builder.Services.AddSingleton<IDurableClientSource>(sp => new RegisteredDurableClientSource(sp.GetRequiredService<DurableTaskClient>()));
        builder.Services.AddSingleton<IGradingWorkflow, DurableGradingWorkflow>();
        builder.Services.AddSingleton<IReleaseWorkflow, DurableReleaseWorkflow>();
        builder.Services.AddSingleton<IReleaseTimer, DurableReleaseTimer>();
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
        await _temp.DisposeAsync();
    }

    [Fact]
    public async Task AutoGradedSubmissions_ABatchPerChunk_CostsThreeWorkItemsPerChunk_NotThreePerSubmission()
    {
        var alone = Enumerable.Range(0, Submissions).Select(i => $"alone-{i:D2}").ToList();
        var batched = Enumerable.Range(0, Submissions).Select(i => $"batched-{i:D2}").ToList();
        await SeedAsync([.. alone, .. batched]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        // Before: a GradeSubmission workflow per submission (what the start-grading handler did until batching).
        var start = Counters.Snapshot();
        await Task.WhenAll(alone.Select(async id =>
        {
            var input = new GradeSubmissionInput(Tenant, id);
            await Client.ScheduleNewOrchestrationInstanceAsync(nameof(GradeSubmissionOrchestrator), input, new Microsoft.DurableTask.StartOrchestrationOptions(input.InstanceId), cts.Token);
            await Client.WaitForInstanceCompletionAsync(input.InstanceId, cts.Token);
        }));
        var perSubmission = Counters.Snapshot().Minus(start);

        // After: the handler's path, one GradeBatch for the chunk.
        var middle = Counters.Snapshot();
        var workflow = _host.Services.GetRequiredService<IGradingWorkflow>();
        await workflow.StartBatchAsync(Tenant, batched, cts.Token);
        var done = await Client.WaitForInstanceCompletionAsync(GradeBatchInput.InstanceIdFor(Tenant, batched), getInputsAndOutputs: true, cts.Token);
        var batch = Counters.Snapshot().Minus(middle);

        output.WriteLine($"{Submissions} submissions, a workflow each: {perSubmission} = {(double)perSubmission.WorkItems / Submissions:0.##} work items per submission");
        output.WriteLine($"{Submissions} submissions, one batch:      {batch} = {(double)batch.WorkItems / Submissions:0.##} work items per submission");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Submissions, done.ReadOutputAs<GradeBatchResult>()!.Released);
        foreach (var id in alone.Concat(batched))
        {
            Assert.Equal(SubmissionStatus.Released, (await _store.GetAsync<SubmissionRecord>(Tenant, id))!.Value.Status);
        }

        // Start, activity result (completes): two orchestration steps and one activity, per instance.
        Assert.Equal((2L * Submissions, 1L * Submissions), (perSubmission.OrchestrationWorkItems, perSubmission.ActivityWorkItems));
        Assert.Equal((2L, 1L), (batch.OrchestrationWorkItems, batch.ActivityWorkItems));
    }

    private async Task SeedAsync(IReadOnlyList<string> ids)
    {
        await _store.CreateAsync(TenantId.Platform, new TenantRecord(Tenant.Value, "School W", "UTC", TenantStatus.Active, DateTimeOffset.UtcNow));
        List<AssessmentItem> items = [new("q1", ItemType.SingleChoice, "2 + 2?", ["3", "4"], AnswerValue.OfText("4"), null, 2, [])];
        var assessment = new Assessment("quiz", "course-w", "Quiz", DateTimeOffset.UtcNow.AddDays(1), 0, null, null, new ReleasePolicy(ReleasePolicy.Immediate, null), items);
        await _store.CreateAsync(Tenant, new AssessmentRecord("quiz", "course-w", 1, assessment, "teacher-w", DateTimeOffset.UtcNow));
        foreach (var id in ids)
        {
            await _store.CreateAsync(Tenant, new SubmissionRecord(id, "quiz", 1, "course-w", "student-" + id, [new("q1", AnswerValue.OfText("4"))],
                DateTimeOffset.UtcNow, false, SubmissionStatus.Accepted, assessment.MaxScore));
        }
    }
}
