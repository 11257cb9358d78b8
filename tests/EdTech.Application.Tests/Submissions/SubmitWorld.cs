using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Submissions;
using EdTech.Domain.Assessments;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Application.Tests.Submissions;

/// <summary>A fresh SQLite store with one assessment of course math101 and an enrolled student, and the submit handler over it.</summary>
public sealed class SubmitWorld : IAsyncLifetime
{
    public static readonly TenantId Tenant = new("school-a");
    public static readonly DateTimeOffset Due = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public const string Course = "math101";
    public const string Student = "s1";

    private readonly TempSqliteStore _temp = new("edtech-submit");
    private ServiceProvider _services = null!;

    public IDocumentStore Store { get; private set; } = null!;

    public ManualClock Clock { get; } = new(Due.AddHours(-1));

    public Caller Caller { get; } = new(Tenant, Student, new HashSet<string> { Roles.Student });

    public CourseAccess Access { get; private set; } = null!;

    public SubmitAttemptHandler Handler { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddSqliteDocumentStore(_temp.Options)
            .BuildServiceProvider();
        Store = _services.GetRequiredService<IDocumentStore>();
        Access = new CourseAccess(Store, Clock, AccessCacheSettings.Default);
        Handler = new SubmitAttemptHandler(Store, new AssessmentLookup(Store, Clock), Access, Clock, NullLogger<SubmitAttemptHandler>.Instance);
        await EnrollAsync(Course, Student, Roles.Student);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _temp.DisposeAsync();
    }

    public Task EnrollAsync(string course, string user, string role) =>
        Store.CreateAsync(Tenant, new EnrollmentRecord(EnrollmentRecord.IdFor(course, user), course, user, role, Due.AddDays(-30)));

    public static Assessment Quiz(int? maxAttempts = null, int grace = 0) =>
        new("quiz1", Course, "Quiz", Due, grace, maxAttempts, null, new ReleasePolicy(ReleasePolicy.Manual, null),
        [
            new AssessmentItem("q1", ItemType.SingleChoice, "p", ["a", "b"], AnswerValue.OfText("a"), null, 2, []),
            new AssessmentItem("q2", ItemType.Numeric, "p", null, AnswerValue.OfNumber(4), null, 3, []),
        ]);

    public async Task<AssessmentRecord> AddAssessmentAsync(Assessment assessment, int version = 1)
    {
        var record = new AssessmentRecord(assessment.Id, assessment.CourseId, version, assessment, "t1", Due.AddDays(-7));
        await Store.CreateAsync(Tenant, record);
        return record;
    }

    public static SubmitAttemptCommand Answers(string q1 = "a", decimal q2 = 4) =>
        new([new AnswerInput("q1", AnswerValue.OfText(q1)), new AnswerInput("q2", AnswerValue.OfNumber(q2))]);

    public Task<Outcome<SubmissionAccepted>> SubmitAsync(SubmitAttemptCommand command, string? key = null, string assessmentId = "quiz1") =>
        Handler.HandleAsync(Caller, assessmentId, command, key, CancellationToken.None);

    public async Task<SubmissionRecord> SubmissionAsync(string id) =>
        (await Store.GetAsync<SubmissionRecord>(Tenant, id, Course))!.Value;

    public async Task<IReadOnlyList<SubmissionRecord>> SubmissionsAsync() =>
        (await Store.QueryAsync<SubmissionRecord>(Tenant, new DocumentQuery(Course, new Dictionary<string, string> { ["assessmentId"] = "quiz1" })))
        .Select(v => v.Value).ToList();
}

/// <summary>A clock that moves only when told.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;

    public void Advance(TimeSpan by) => _now += by;
}
