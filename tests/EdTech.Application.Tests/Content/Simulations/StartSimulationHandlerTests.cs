using EdTech.Domain.Serialization;
using EdTech.Application.Commands;
using EdTech.Application.Common;
using EdTech.Application.Content.Simulations;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Simulation;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Application.Tests.Content.Simulations;

/// <summary>The start handler on a real SQLite store: what it stores (the simulation, then its workflow run) or why it refuses.</summary>
public sealed class StartSimulationHandlerTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new("school-a");
    private static readonly Caller Author = new(Tenant, "c1", new HashSet<string> { Roles.ContentAuthor });
    private readonly TempSqliteStore _temp = new("edtech-sim");
    private SqliteDocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = _temp.Store;
        var now = DateTimeOffset.UtcNow;
        var items = new[] { ("q1", "alg"), ("q2", "alg"), ("q3", "geo") }
            .Select(i => new AssessmentItem(i.Item1, "short-text", "Prompt " + i.Item1, null, null, null, 1, [i.Item2])).ToList();
        await _store.CreateAsync(Tenant, new CourseRecord("c1", "Course", now));
        await _store.CreateAsync(Tenant, new CourseRecord("empty", "No items", now));
        await _store.CreateAsync(Tenant, new AssessmentRecord("a1", "c1", 1,
            new Assessment("a1", "c1", "Quiz", now.AddDays(1), 0, null, null, new ReleasePolicy(ReleasePolicy.Immediate, null), items), "t1", now));
        await _store.CreateAsync(Tenant, new ModuleRecord(ModuleRecord.IdFor("c1", "m1"), "c1", "m1", "Week 1", 1, [new ModuleItem("i1", "Quiz", "assessment", "a1")], "t1", now));
    }

    public async Task DisposeAsync()
    {
        await _temp.DisposeAsync();
    }

    [Fact]
    public async Task Handle_WithDefaults_StoresARunningSimulationOf10000Students_WithASeedFromItsId_AndRequestsItsRun()
    {
        var outcome = await Handler().HandleAsync(Author, new StartSimulationCommand("c1", null, null, new SimulationChangeBody()), CancellationToken.None);

        Assert.True(outcome.Created, outcome.Problem?.ToString());
        var id = outcome.Value!.Id;
        var record = (await _store.GetAsync<SimulationRecord>(Tenant, id))!.Value;
        Assert.Equal((SimulationStatus.Running, 10_000, StartSimulationHandler.SeedOf(id), "c1", "c1"), (record.Status, record.Students, record.Seed, record.CourseId, record.CreatedBy));
        Assert.Null(record.Model);
        Assert.Equal([WorkflowRunRecord.SimulateId(id)], await RequestedRunsAsync());
    }

    [Fact]
    public async Task Handle_GivenSeedAndStudents_KeepsThem_AndStoresTheChange()
    {
        var body = new SimulationChangeBody(RemoveItems: ["a1/q1"], AddItems: [new AddedItemBody("a1", "n1", ["geo"], 1.5)], MasteryThreshold: 0.9,
            PracticePerSkill: new Dictionary<string, int> { ["geo"] = 7 }, Prerequisites: new Dictionary<string, IReadOnlyList<string?>?> { ["geo"] = ["alg"] });

        var outcome = await Handler().HandleAsync(Author, new StartSimulationCommand("c1", 500, 42, body), CancellationToken.None);

        var record = (await _store.GetAsync<SimulationRecord>(Tenant, outcome.Value!.Id))!.Value;
        Assert.Equal((500, 42), (record.Students, record.Seed));
        Assert.Equal(["a1/q1"], record.Change.RemoveItems!);
        Assert.Equal(new AddedItem("a1", "n1", record.Change.AddItems![0].Skills, 1.5), record.Change.AddItems[0]);
        Assert.Equal(["alg"], record.Change.Prerequisites!["geo"]);
        Assert.Equal((0.9, 7), (record.Change.MasteryThreshold, record.Change.PracticePerSkill!["geo"]));
    }

    [Fact]
    public async Task Handle_UnknownIds_Is422NamingEachUnderItsField_AndStoresNothing()
    {
        var body = new SimulationChangeBody(
            RemoveItems: ["a1/q9", "a1/q1", "b/x"],
            AddItems: [new AddedItemBody("a1", "n1", ["alg", "topology"], 0)],
            Prerequisites: new Dictionary<string, IReadOnlyList<string?>?> { ["geo"] = ["calculus"] },
            PracticePerSkill: new Dictionary<string, int> { ["ghost"] = 2 },
            ModuleOrder: ["m1", "m7"]);

        var outcome = await Handler().HandleAsync(Author, new StartSimulationCommand("c1", null, null, body), CancellationToken.None);

        Assert.Equal(ProblemKind.Validation, outcome.Problem!.Kind);
        var errors = outcome.Problem.Errors!;
        Assert.Equal(["Unknown item ids: a1/q9, b/x."], errors["change.removeItems"]);
        Assert.Equal(["Unknown skill ids: topology."], errors["change.addItems"]);
        Assert.Equal(["Unknown skill ids: calculus."], errors["change.prerequisites"]);
        Assert.Equal(["Unknown skill ids: ghost."], errors["change.practicePerSkill"]);
        Assert.Equal(["Unknown module ids: m7."], errors["change.moduleOrder"]);
        Assert.Empty(await _store.QueryAsync<SimulationRecord>(Tenant, DocumentQuery.All));
        Assert.Empty(await RequestedRunsAsync());
    }

    [Fact]
    public async Task Handle_QuotaOfRunningSimulationsFull_IsTooManyRequests_AndCountsOnlyRecentRunningOnes()
    {
        var now = DateTimeOffset.UtcNow;
        await _store.CreateAsync(Tenant, Stored("r1", SimulationStatus.Running, now.AddMinutes(-1)));
        await _store.CreateAsync(Tenant, Stored("done", SimulationStatus.Completed, now.AddMinutes(-1)));
        await _store.CreateAsync(Tenant, Stored("old", SimulationStatus.Running, now.AddHours(-2)));
        await _store.CreateAsync(new TenantId("school-b"), Stored("b1", SimulationStatus.Running, now));
        var command = new StartSimulationCommand("c1", 100, null, new SimulationChangeBody());

        var second = await Handler().HandleAsync(Author, command, CancellationToken.None);
        var third = await Handler().HandleAsync(Author, command, CancellationToken.None);

        Assert.True(second.Created);
        Assert.Equal(ProblemKind.TooManyRequests, third.Problem!.Kind);
        Assert.Equal(StartSimulationHandler.QuotaRetryAfterSeconds, third.Problem.RetryAfterSeconds);
        Assert.Contains("at most 2", third.Problem.Detail, StringComparison.Ordinal);
        Assert.Single(await RequestedRunsAsync());
    }

    [Fact]
    public async Task Handle_UnknownCourse_IsNotFound_AndACourseWithoutItems_Is422OnCourseId()
    {
        var unknown = await Handler().HandleAsync(Author, new StartSimulationCommand("nope", null, null, new SimulationChangeBody()), CancellationToken.None);
        var empty = await Handler().HandleAsync(Author, new StartSimulationCommand("empty", null, null, new SimulationChangeBody()), CancellationToken.None);

        Assert.Equal(ProblemKind.NotFound, unknown.Problem!.Kind);
        Assert.Equal(ProblemKind.Validation, empty.Problem!.Kind);
        Assert.True(empty.Problem.Errors!.ContainsKey("courseId"));
    }

    [Theory]
    [InlineData(99)]
    [InlineData(200_001)]
    public async Task Handle_StudentsOutOfRange_Is422OnStudents(int students)
    {
        var outcome = await Handler().HandleAsync(Author, new StartSimulationCommand("c1", students, null, new SimulationChangeBody()), CancellationToken.None);

        Assert.True(outcome.Problem!.Errors!.ContainsKey("students"));
    }

    private static SimulationRecord Stored(string id, SimulationStatus status, DateTimeOffset createdAt) => new(id, status, "c1", 100, 1, CourseChange.None, "c1", createdAt);

    private StartSimulationHandler Handler() =>
        new(_store, new SimulationModelSource(_store), new WorkflowRuns(_store, TimeProvider.System, NullLogger<WorkflowRuns>.Instance), SimulationSettings.Default, TimeProvider.System);

    private async Task<IReadOnlyList<string>> RequestedRunsAsync() =>
        [.. (await _store.QueryAsync<WorkflowRunRecord>(Tenant, DocumentQuery.Where("status", WorkflowRunStatus.Requested.Wire()))).Select(r => r.Value.Id)];
}
