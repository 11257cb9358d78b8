using System.Net;
using System.Net.Sockets;
using EdTech.Application;
using EdTech.Application.Grading.Release;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Application.Grading;
using EdTech.Orchestrations.Grading;
using EdTech.Orchestrations.Hosting;
using EdTech.Orchestrations.Release;
using EdTech.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdTech.Orchestrations.Tests.Grading;

/// <summary>
/// The package's in-process durable host running the real catalog, with the real SubmissionGrader over
/// the real SQLite store in a temporary folder. One per test class; tests use their own ids.
/// </summary>
public sealed class GradingHostFixture : IAsyncLifetime
{
    public static readonly TenantId Tenant = new("school-1");
    public const string CourseId = "algebra-1";

    private readonly TempSqliteStore _temp = new("edt-orch");
    private DurableTaskTestHost? _host;

    public CountingDocumentStore Store { get; private set; } = null!;

    public DurableTaskClient Client => _host!.Client;

    public async Task InitializeAsync()
    {
        Store = new CountingDocumentStore(_temp.Store);
        var store = Store;
        _host = await DurableTaskTestHost.StartAsync(
            OrchestrationCatalog.Register,
            new DurableTaskTestHostOptions
            {
                // A free loopback port rather than the package's random 30000-40000 pick, which can collide with parallel runs.
                Port = FreePort(),
                ConfigureServices = services =>
                {
                    services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
                    services.AddSingleton<IDocumentStore>(store);
                    services.AddEdTechApplication();
                    services.AddHybridCache(); // the hosts' composition adds it (TeacherQueryCache: the grading batch shows results and invalidates the gradebook)
                    // The release steps start ReleaseResults through the same durable workflow the hosts use, on this host's client.
                    services.AddSingleton<IDurableClientSource>(new LateClientSource(() => Client));
                    services.AddSingleton<IReleaseWorkflow, DurableReleaseWorkflow>();
                    // The batch grading step hands review waits to per-submission workflows through the same starter.
                    services.AddSingleton<IGradingWorkflow, DurableGradingWorkflow>();
                    services.AddSingleton<IReleaseTimer, DurableReleaseTimer>();
                },
            });
        await store.CreateAsync(TenantId.Platform, new TenantRecord(Tenant.Value, "School One", "Europe/London", TenantStatus.Active, DateTimeOffset.UtcNow));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _temp.DisposeAsync();
    }

    /// <summary>Runs GradeSubmission under the given instance id and waits for it to end.</summary>
    public async Task<OrchestrationMetadata> RunAsync(string submissionId, string? instanceId = null)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var input = new GradeSubmissionInput(Tenant, submissionId);
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(GradeSubmissionOrchestrator), input, new StartOrchestrationOptions(instanceId ?? input.InstanceId), cts.Token);
        return await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
    }

    public Task<Versioned<SubmissionRecord>?> GetSubmissionAsync(string id) => Store.GetAsync<SubmissionRecord>(Tenant, id);

    /// <summary>Three auto-graded items worth 2 + 3 + 5 points, plus an optional essay.</summary>
    public async Task<Assessment> SeedAssessmentAsync(string id, ReleasePolicy release, DateTimeOffset dueAt, LatePolicy? latePolicy = null, bool withEssay = false, TenantId? tenant = null)
    {
        List<AssessmentItem> items =
        [
            new("q1", ItemType.SingleChoice, "2 + 2?", ["3", "4"], AnswerValue.OfText("4"), null, 2, ["addition"]),
            new("q2", ItemType.Numeric, "Pi to two places?", null, AnswerValue.OfNumber(3.14m), 0.005m, 3, ["constants"]),
            new("q3", ItemType.ShortText, "Capital of France?", null, AnswerValue.OfText("Paris"), null, 5, ["geography"]),
        ];
        if (withEssay)
        {
            items.Add(new("q4", ItemType.Essay, "Explain.", null, null, null, 10, ["writing"]));
        }

        var assessment = new Assessment(id, CourseId, "Quiz " + id, dueAt, 0, null, latePolicy, release, items);
        var (status, _) = await Store.CreateAsync(tenant ?? Tenant, new AssessmentRecord(id, CourseId, 1, assessment, "teacher-1", DateTimeOffset.UtcNow));
        Assert.Equal(WriteStatus.Created, status);
        return assessment;
    }

    /// <summary>An accepted submission answering q1 and q3 correctly and q2 wrongly: raw score 7.</summary>
    public async Task<Versioned<SubmissionRecord>> SeedSubmissionAsync(string id, Assessment assessment, DateTimeOffset receivedAt, TenantId? tenant = null, string studentId = "student-1")
    {
        List<SubmittedAnswer> answers =
        [
            new("q1", AnswerValue.OfText("4")),
            new("q2", AnswerValue.OfNumber(3.2m)),
            new("q3", AnswerValue.OfText(" paris ")),
        ];
        if (assessment.Items.Any(i => i.Type == ItemType.Essay))
        {
            answers.Add(new("q4", AnswerValue.OfText("Because.")));
        }

        var record = new SubmissionRecord(id, assessment.Id, 1, CourseId, studentId, answers, receivedAt, assessment.IsLate(receivedAt),
            SubmissionStatus.Accepted, assessment.MaxScore);
        var (status, stored) = await Store.CreateAsync(tenant ?? Tenant, record);
        Assert.Equal(WriteStatus.Created, status);
        return stored!;
    }

    private sealed class LateClientSource(Func<DurableTaskClient> client) : IDurableClientSource
    {
        public DurableTaskClient Client => client();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
