using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Audit;
using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Courses.Lifecycle;
using EdTech.Application.Outbox;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Submissions;
using EdTech.Application.Tests.Submissions;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Application.Tests.Lifecycle;

/// <summary>The submit world (SQLite, math101, student s1, quiz1) plus teacher t1, the course record and the lifecycle handlers over any store wrapper.</summary>
public sealed class LifecycleWorld : IAsyncLifetime
{
    private readonly SubmitWorld _submit = new();
    private readonly ServiceProvider _caches = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();

    public static TenantId Tenant => SubmitWorld.Tenant;

    public IDocumentStore Store => _submit.Store;

    public ManualClock Clock => _submit.Clock;

    public Caller Student => _submit.Caller;

    public Caller Teacher { get; } = new(SubmitWorld.Tenant, "t1", new HashSet<string> { Roles.Teacher });

    public Caller Admin { get; } = new(SubmitWorld.Tenant, "admin1", new HashSet<string> { Roles.TenantAdmin });

    public async Task InitializeAsync()
    {
        await _submit.InitializeAsync();
        await _submit.EnrollAsync(SubmitWorld.Course, "t1", Roles.Teacher);
        await Store.CreateAsync(Tenant, new CourseRecord(SubmitWorld.Course, "Maths", SubmitWorld.Due.AddDays(-60)));
    }

    public async Task DisposeAsync()
    {
        await _caches.DisposeAsync();
        await _submit.DisposeAsync();
    }

    public Task<AssessmentRecord> AddAssessmentAsync(string id = "quiz1", string? state = null) =>
        AddAsync(SubmitWorld.Quiz() with { Id = id }, state);

    private async Task<AssessmentRecord> AddAsync(Domain.Assessments.Assessment assessment, string? state)
    {
        var record = new AssessmentRecord(assessment.Id, assessment.CourseId, 1, assessment, "t1", SubmitWorld.Due.AddDays(-7), State: state);
        await Store.CreateAsync(Tenant, record);
        return record;
    }

    public CourseAccess Access(IDocumentStore store) => new(store, Clock, AccessCacheSettings.Default);

    public SetAssessmentStateHandler States(IDocumentStore? store = null)
    {
        store ??= Store;
        return new SetAssessmentStateHandler(store, Access(store), new AssessmentLookup(store, Clock), new AuditLog(store),
            new TeacherQueryCache(_caches.GetRequiredService<HybridCache>(), new LocalCacheStamps()), new IntegrationEventOutbox(store), Clock,
            NullLogger<SetAssessmentStateHandler>.Instance);
    }

    public SubmitAttemptHandler Submit(IDocumentStore? store = null)
    {
        store ??= Store;
        return new SubmitAttemptHandler(store, new AssessmentLookup(store, Clock), Access(store), Clock, NullLogger<SubmitAttemptHandler>.Instance);
    }

    public UpdateCourseHandler Courses(IDocumentStore? store = null)
    {
        store ??= Store;
        return new UpdateCourseHandler(store, Access(store), new AuditLog(store), Clock);
    }

    public async Task<IReadOnlyList<SubmissionRecord>> SubmissionsAsync(string assessmentId = "quiz1") =>
        (await Store.QueryAsync<SubmissionRecord>(Tenant, new DocumentQuery(SubmitWorld.Course, new Dictionary<string, string> { ["assessmentId"] = assessmentId })))
        .Select(v => v.Value).ToList();

    public async Task<AssessmentRecord> AssessmentAsync(string id = "quiz1") => (await Store.GetAsync<AssessmentRecord>(Tenant, id, SubmitWorld.Course))!.Value;
}
