using EdTech.Domain.Submissions;
using EdTech.Application.Audit;
using EdTech.Application.Grading;
using EdTech.Application.Grading.Release;
using EdTech.Application.Notifications;
using EdTech.Application.Outbox;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Submissions;
using EdTech.Domain.Assessments;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Tests.Grading;

/// <summary>
/// A fresh SQLite store with a registered tenant (school-a, UTC), a manual clock one hour after the due time, recording
/// stand-ins for the durable workflows (the engine is not what these tests check), and a logger that keeps its lines.
/// </summary>
public sealed class GradingWorld : IAsyncLifetime
{
    public static readonly TenantId Tenant = new("school-a");
    public static readonly DateTimeOffset Due = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = Due.AddHours(1);
    public const string Course = "math101";

    private readonly TempSqliteStore _temp = new("edtech-grading");
    private ServiceProvider _services = null!;

    public IDocumentStore Store { get; private set; } = null!;

    public ManualClock Clock { get; } = new(Now);

    public RecordingWorkflows Workflows { get; } = new();

    public LogLines Logs { get; } = new();

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddSqliteDocumentStore(_temp.Options)
            .BuildServiceProvider();
        Store = _services.GetRequiredService<IDocumentStore>();
        await AddTenantAsync(Tenant.Value, "UTC");
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _temp.DisposeAsync();
    }

    public SubmissionGrader Grader(IDocumentStore? store = null)
    {
        var s = store ?? Store;
        return new SubmissionGrader(s, new AuditLog(s), new IntegrationEventOutbox(s), Clock, Logs.For<SubmissionGrader>());
    }

    public ResultsReleaser Releaser(IDocumentStore? store = null) => new(store ?? Store, Clock, Logs.For<ResultsReleaser>());

    public DueResultsReleaser DueReleaser() => new(Store, Workflows, Clock, Logs.For<DueResultsReleaser>());

    public Task AddTenantAsync(string id, string timeZone) =>
        Store.CreateAsync(TenantId.Platform, new TenantRecord(id, id, timeZone, TenantStatus.Active, Due.AddDays(-100)));

    public static ReleasePolicy Policy(string mode, DateTimeOffset? at = null) => new(mode, at);

    /// <summary>Two auto-graded items: q1 single choice (key "a", 2 points), q2 numeric (key 4, 3 points); with <paramref name="essay"/> a third, q3, graded by a teacher.</summary>
    public static Assessment Quiz(string id, ReleasePolicy release, bool essay = false, LatePolicy? late = null, DateTimeOffset? due = null)
    {
        List<AssessmentItem> items =
        [
            new("q1", ItemType.SingleChoice, "p", ["a", "b"], AnswerValue.OfText("a"), null, 2, []),
            new("q2", ItemType.Numeric, "p", null, AnswerValue.OfNumber(4), null, 3, []),
        ];
        if (essay)
        {
            items.Add(new("q3", ItemType.Essay, "p", null, null, null, 5, []));
        }

        return new(id, Course, "Quiz " + id, due ?? Due, 0, null, late, release, items);
    }

    public async Task<AssessmentRecord> AddAssessmentAsync(Assessment assessment, int version = 1, DateTimeOffset? releasedAt = null, TenantId? tenant = null)
    {
        var record = new AssessmentRecord(assessment.Id, assessment.CourseId, version, assessment, "t1", Due.AddDays(-7), releasedAt);
        await Store.CreateAsync(tenant ?? Tenant, record);
        return record;
    }

    public Task<AssessmentRecord> AddAssessmentAsync(string id, ReleasePolicy release, DateTimeOffset? releasedAt = null, TenantId? tenant = null) =>
        AddAssessmentAsync(Quiz(id, release), releasedAt: releasedAt, tenant: tenant);

    /// <summary>A submission of user <paramref name="user"/> answering q1 and q2 (right by default: 5 of 5 points when graded).</summary>
    public static SubmissionRecord Submission(string id, string assessmentId, SubmissionStatus status, string user = "s1", string q1 = "a", decimal q2 = 4, DateTimeOffset? receivedAt = null) =>
        new(id, assessmentId, 1, Course, user, [new("q1", AnswerValue.OfText(q1)), new("q2", AnswerValue.OfNumber(q2))],
            receivedAt ?? Due.AddMinutes(-5), false, status, 5,
            ItemScores: status is SubmissionStatus.Graded or SubmissionStatus.Released ? [new("q1", 2, 2), new("q2", 3, 3)] : null,
            RawScore: status is SubmissionStatus.Graded or SubmissionStatus.Released ? 5 : null,
            Score: status is SubmissionStatus.Graded or SubmissionStatus.Released ? 5 : null);

    public async Task<SubmissionRecord> AddSubmissionAsync(SubmissionRecord submission, TenantId? tenant = null)
    {
        await Store.CreateAsync(tenant ?? Tenant, submission);
        return submission;
    }

    public Task<SubmissionRecord> AddSubmissionAsync(string id, string assessmentId, SubmissionStatus status, TenantId? tenant = null) =>
        AddSubmissionAsync(Submission(id, assessmentId, status), tenant);

    public async Task<SubmissionRecord> SubmissionAsync(string id) => (await Store.GetAsync<SubmissionRecord>(Tenant, id, Course))!.Value;

    public async Task<AssessmentRecord> AssessmentAsync(string id) => (await Store.GetAsync<AssessmentRecord>(Tenant, id, Course))!.Value;

    public async Task<StoredDocument> DocumentAsync(string container, string id, TenantId? tenant = null) =>
        (await Store.GetAsync(tenant ?? Tenant, container, id))!;

    public async Task<IReadOnlyList<T>> AllAsync<T>()
        where T : class, IStoredRecord =>
        (await Store.QueryAsync<T>(Tenant, DocumentQuery.All)).Select(v => v.Value).ToList();

    /// <summary>Every notification in the outbox, as the dispatchers send them: stored alone, or carried by an integration event's document.</summary>
    public async Task<IReadOnlyList<NotificationRecord>> NotificationsAsync() =>
        [.. await AllAsync<NotificationRecord>(), .. (await AllAsync<IntegrationEventRecord>()).SelectMany(IntegrationEventFolds.NotificationsOf)];
}
