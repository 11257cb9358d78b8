using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using EdTech.Application;
using EdTech.Application.Content.Simulations;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Serialization;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Learning.BktModel;
using EdTech.Domain.Learning.IrtModel;
using EdTech.Domain.Simulation;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Orchestrations.Simulation;
using EdTech.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdTech.Orchestrations.Tests.Simulation;

/// <summary>
/// The simulation orchestration on the in-process durable host and a real SQLite store: a course with calibrated items, enough
/// answers to fit BKT for one skill, a skill graph and modules; chunks of 300 students.
/// </summary>
public sealed class CurriculumSimulationOrchestratorTests : IAsyncLifetime
{
    private const int ChunkStudents = 300;
    private static readonly TenantId Tenant = new("school-sim");
    private readonly TempSqliteStore _temp = new("edt-sim");
    private SqliteDocumentStore _store = null!;
    private DurableTaskTestHost _host = null!;

    private static CourseChange Change => new(RemoveItems: ["a1/q4"], PracticePerSkill: new Dictionary<string, int> { ["alg"] = 12 });

    public async Task InitializeAsync()
    {
        _store = _temp.Store;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _host = await DurableTaskTestHost.StartAsync(OrchestrationCatalog.Register, new DurableTaskTestHostOptions
        {
            Port = port,
            ConfigureServices = services =>
            {
                services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
                services.AddSingleton<IDocumentStore>(_store);
                services.AddSingleton(SimulationSettings.Default with { ChunkStudents = ChunkStudents });
                services.AddEdTechApplication();
            },
        });
        await SeedCourseAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _temp.DisposeAsync();
    }

    [Fact]
    public async Task Run_InChunks_EqualsOneInProcessRunOfTheStoredModel_AndTheModelIsTheCalibratedOne()
    {
        var (metadata, record) = await RunAsync("sim-a", students: 1000, seed: 11, Change);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal(new SimulationResult("sim-a", 1000, 4), metadata.ReadOutputAs<SimulationResult>());
        Assert.Equal(SimulationStatus.Completed, record.Status);
        var model = record.Model!;
        Assert.Equal(new Domain.Learning.IrtModel.IrtItem(1.3, -0.4), model.Items.Single(i => i.Id == "a1/q1").Parameters);
        Assert.Equal(["alg"], model.Prerequisites["geo"]);
        Assert.Equal(["m1", "m2"], model.Modules.Select(m => m.Id));
        Assert.DoesNotContain(record.Warnings!, w => w.StartsWith("item a1/q1:", StringComparison.Ordinal) || w.StartsWith("skill alg:", StringComparison.Ordinal));
        Assert.Contains(record.Warnings!, w => w.StartsWith("item a1/q2: prior used", StringComparison.Ordinal));
        Assert.Contains(record.Warnings!, w => w.StartsWith("skill geo: prior used", StringComparison.Ordinal));

        var plan = CurriculumSimulation.Prepare(model, Change, SimulationPriors.Default).Plan!;
        var oneRun = CurriculumSimulation.Simulate(plan, 1000, 11);
        Assert.Equal(Json(oneRun), Json(record.Result!));
        Assert.Equal(1000, record.Result!.Students);
        Assert.Equal(WorkflowRunStatus.Completed, (await _store.GetAsync<WorkflowRunRecord>(Tenant, WorkflowRunRecord.SimulateId("sim-a")))!.Value.Status);
    }

    [Fact]
    public async Task SameSeedAndInput_GiveIdenticalResults_AndAnotherSeedDoesNot()
    {
        var (_, first) = await RunAsync("sim-1", students: 900, seed: 5, Change);
        var (_, second) = await RunAsync("sim-2", students: 900, seed: 5, Change);
        var (_, other) = await RunAsync("sim-3", students: 900, seed: 6, Change);

        Assert.Equal(Json(first.Result!), Json(second.Result!));
        Assert.NotEqual(Json(first.Result!), Json(other.Result!));
    }

    [Fact]
    public async Task CourseChangedSinceTheRequest_MarksTheSimulationFailed_NamingTheIds_WithoutRunningChunks()
    {
        var (metadata, record) = await RunAsync("sim-gone", students: 500, seed: 1, new CourseChange(RemoveItems: ["a1/q9"]));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal(0, metadata.ReadOutputAs<SimulationResult>()!.Chunks);
        Assert.Equal(SimulationStatus.Failed, record.Status);
        Assert.Contains("unknown items: a1/q9.", record.Error, StringComparison.Ordinal);
        Assert.Null(record.Result);
        Assert.Equal(WorkflowRunStatus.Completed, (await _store.GetAsync<WorkflowRunRecord>(Tenant, WorkflowRunRecord.SimulateId("sim-gone")))!.Value.Status);
    }

    [Fact]
    public async Task ChunkFailingPastItsRetries_MarksTheSimulationFailed_AndTheOrchestrationFails()
    {
        // A stored snapshot the change no longer fits: every chunk throws, after its retries the run is marked failed.
        var model = new CourseModel([new SimulatedItem("a1/q1", ["alg"], new Domain.Learning.IrtModel.IrtItem(1, 0))], [new SimulatedSkill("alg", SimulationPriors.Default.Bkt, 5)],
            new Dictionary<string, IReadOnlyList<string>>(), []);
        await _store.CreateAsync(Tenant, new SimulationRecord("sim-bad", SimulationStatus.Running, "c1", 400, 3, Change, "c1", DateTimeOffset.UtcNow, model, ["w"]));

        var metadata = await ScheduleAsync("sim-bad");
        var record = (await _store.GetAsync<SimulationRecord>(Tenant, "sim-bad"))!.Value;

        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Equal(SimulationStatus.Failed, record.Status);
        Assert.Contains("has no runnable model", record.Error, StringComparison.Ordinal);
        Assert.NotNull(record.FinishedAt);
    }

    [Fact]
    public void Chunks_CoverEveryStudentOnce_InConsecutiveRanges()
    {
        Assert.Equal([(0, 300), (300, 600), (600, 700)], CurriculumSimulationOrchestrator.Chunks(700, 300));
        Assert.Equal([(0, 300)], CurriculumSimulationOrchestrator.Chunks(300, 300));
    }

    private static string Json(SimulationSummary summary) => JsonSerializer.Serialize(summary, EdTechJson.Options);

    private async Task<(OrchestrationMetadata Metadata, SimulationRecord Record)> RunAsync(string id, int students, int seed, CourseChange change)
    {
        await _store.CreateAsync(Tenant, new SimulationRecord(id, SimulationStatus.Running, "c1", students, seed, change, "c1", DateTimeOffset.UtcNow));
        await _store.CreateAsync(Tenant, new WorkflowRunRecord(WorkflowRunRecord.SimulateId(id), WorkflowRunRecord.SimulateKind, id, 0, "c1", WorkflowRunStatus.Requested, DateTimeOffset.UtcNow));
        var metadata = await ScheduleAsync(id);
        return (metadata, (await _store.GetAsync<SimulationRecord>(Tenant, id))!.Value);
    }

    private async Task<OrchestrationMetadata> ScheduleAsync(string id)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var input = new SimulationInput(Tenant, id);
        var instance = await _host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CurriculumSimulationOrchestrator), input, new StartOrchestrationOptions(input.InstanceId), cts.Token);
        return await _host.Client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>
    /// Course c1: quiz a1 with q1..q4 on "alg" (q1 calibrated, 2PL a = 1.3, b = −0.4, from 150 answers) and q5, q6 on "geo";
    /// 60 students' answers to q1..q4 (240 answers on alg: enough to fit BKT); geo requires alg; module m1 (a1) then m2 (empty).
    /// </summary>
    private async Task SeedCourseAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var items = Enumerable.Range(1, 6).Select(i => new AssessmentItem($"q{i}", "short-text", $"Solve {i}", null, null, null, 1, [i <= 4 ? "alg" : "geo"])).ToList();
        var assessment = new Assessment("a1", "c1", "Quiz", now.AddDays(1), 0, null, null, new ReleasePolicy(ReleasePolicy.Immediate, null), items);
        await _store.CreateAsync(Tenant, new CourseRecord("c1", "Course", now));
        await _store.CreateAsync(Tenant, new AssessmentRecord("a1", "c1", 1, assessment, "t1", now));
        await _store.ReplaceAsync(Tenant, new ItemParametersRecord(ItemParametersRecord.IdFor("a1", "q1"), "c1", "a1", "q1", 1.3, -0.4, 150, 0.4, null, now), null);
        await _store.CreateAsync(Tenant, new SkillGraphRecord("c1", [new SkillPrerequisite("geo", ["alg"])], "t1", now));
        await _store.CreateAsync(Tenant, new ModuleRecord(ModuleRecord.IdFor("c1", "m1"), "c1", "m1", "Week 1", 1, [new ModuleItem("i1", "Quiz", "assessment", "a1")], "t1", now));
        await _store.CreateAsync(Tenant, new ModuleRecord(ModuleRecord.IdFor("c1", "m2"), "c1", "m2", "Week 2", 2, [], "t1", now));
        var random = new Random(3);
        for (var s = 0; s < 60; s++)
        {
            var known = random.NextDouble() < 0.3;
            for (var q = 1; q <= 4; q++)
            {
                var correct = known ? random.NextDouble() > 0.1 : random.NextDouble() < 0.2;
                known = known || random.NextDouble() < 0.2;
                await _store.CreateAsync(Tenant, new ResponseRecord(ResponseRecord.IdFor($"sub{s}", $"q{q}"), "c1", "a1", $"q{q}", $"u{s}", $"sub{s}", 1, correct, now.AddMinutes(q)));
            }
        }
    }
}
