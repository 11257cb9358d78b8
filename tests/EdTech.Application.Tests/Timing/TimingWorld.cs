using EdTech.Application.Assessments;
using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Submissions;
using EdTech.Application.Tests.Submissions;
using EdTech.Application.Timing;
using EdTech.Domain.Assessments;
using EdTech.Domain.Tenancy;
using EdTech.Domain.Timing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Application.Tests.Timing;

/// <summary>The submit world (SQLite store, manual clock, quiz1 in math101, student s1) plus the timing handlers and a recording timer.</summary>
public sealed class TimingWorld : IAsyncLifetime
{
    public SubmitWorld Submit { get; } = new();

    public RecordingAttemptTimer Timer { get; } = new();

    public StartAttemptHandler Start { get; private set; } = null!;

    public SaveDraftHandler Drafts { get; private set; } = null!;

    public AutoSubmitAttemptHandler AutoSubmit { get; private set; } = null!;

    public AccommodationsHandler Accommodations { get; private set; } = null!;

    public IDocumentStore Store => Submit.Store;

    public ManualClock Clock => Submit.Clock;

    public Caller Student => Submit.Caller;

    public Caller Teacher { get; } = new(SubmitWorld.Tenant, "t1", new HashSet<string> { Roles.Teacher });

    public async Task InitializeAsync()
    {
        await Submit.InitializeAsync();
        var lookup = new AssessmentLookup(Store, Clock);
        Start = new StartAttemptHandler(Store, lookup, Submit.Access, Timer, Clock, NullLogger<StartAttemptHandler>.Instance);
        Drafts = new SaveDraftHandler(Store, lookup, Submit.Access, Clock);
        AutoSubmit = new AutoSubmitAttemptHandler(Store, Submit.Handler, Clock, NullLogger<AutoSubmitAttemptHandler>.Instance);
        Accommodations = new AccommodationsHandler(Store, Submit.Access, lookup, new AuditLog(Store), Clock);
        await Submit.EnrollAsync(SubmitWorld.Course, "t1", Roles.Teacher);
    }

    public Task DisposeAsync() => Submit.DisposeAsync();

    /// <summary>quiz1 (due <see cref="SubmitWorld.Due"/>, no grace) with a time limit and over-time policy.</summary>
    public Task<AssessmentRecord> TimedQuizAsync(int limitSeconds = 1800, string overTime = OverTimePolicy.AcceptMarked, int? maxAttempts = null) =>
        Submit.AddAssessmentAsync(SubmitWorld.Quiz(maxAttempts) with { TimeLimitSeconds = limitSeconds, OverTime = overTime });

    public static SaveDraftCommand Draft(long sequence, string q1 = "a") => new(sequence, [new AnswerInput("q1", AnswerValue.OfText(q1))]);

    public async Task<AttemptRecord> AttemptAsync(string id) => (await Store.GetAsync<AttemptRecord>(SubmitWorld.Tenant, id, SubmitWorld.Course))!.Value;

    public Task<Outcome<AccommodationResult>> AccommodateAsync(decimal? multiplier, params ExtensionInput[] extensions) =>
        Accommodations.SetAsync(Teacher, SubmitWorld.Course, SubmitWorld.Student, new SetAccommodationCommand(multiplier, extensions, "IEP"), null, CancellationToken.None);

    public SubmitAttemptCommand AnswersFor(string attemptId) => SubmitWorld.Answers() with { AttemptId = attemptId };
}

public sealed class RecordingAttemptTimer : IAttemptTimer
{
    public List<(TenantId Tenant, string CourseId, string AttemptId, DateTimeOffset SubmitAt)> Scheduled { get; } = [];

    public Task ScheduleAsync(TenantId tenant, string courseId, string attemptId, DateTimeOffset submitAt, CancellationToken cancellationToken)
    {
        lock (Scheduled)
        {
            Scheduled.Add((tenant, courseId, attemptId, submitAt));
        }

        return Task.CompletedTask;
    }
}
