using EdTech.Application.Assessments;
using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Lists;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Submissions;
using EdTech.Application.Timing;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Timing;

/// <summary>Accommodations on the real (SQLite) store: who may set them, validation, audit, and what they change for the student.</summary>
public sealed class AccommodationsTests : IAsyncLifetime
{
    private readonly TimingWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private static ExtensionInput Extension(DateTimeOffset dueAt, string assessmentId = "quiz1") => new(assessmentId, dueAt);

    [Fact]
    public async Task Extension_MakesASubmitAfterTheAssessmentsDeadline_OnTime_AndKeepsTheStudentsDeadline()
    {
        await _world.Submit.AddAssessmentAsync(SubmitWorld.Quiz());
        await _world.AccommodateAsync(null, Extension(SubmitWorld.Due.AddDays(2)));
        _world.Clock.Set(SubmitWorld.Due.AddDays(1));

        var outcome = await _world.Submit.SubmitAsync(SubmitWorld.Answers());

        var stored = await _world.Submit.SubmissionAsync(outcome.Value!.SubmissionId);
        Assert.False(stored.Late);
        Assert.Equal(SubmitWorld.Due.AddDays(2), stored.ExtendedDeadline);
    }

    [Fact]
    public async Task NoExtension_TheSameSubmit_IsLate()
    {
        await _world.Submit.AddAssessmentAsync(SubmitWorld.Quiz());
        _world.Clock.Set(SubmitWorld.Due.AddDays(1));

        var outcome = await _world.Submit.SubmitAsync(SubmitWorld.Answers());

        var stored = await _world.Submit.SubmissionAsync(outcome.Value!.SubmissionId);
        Assert.True(stored.Late);
        Assert.Null(stored.ExtendedDeadline);
    }

    [Fact]
    public async Task Set_IsAudited_WithOldAndNewValueAndReason()
    {
        await _world.Submit.AddAssessmentAsync(SubmitWorld.Quiz());

        await _world.AccommodateAsync(1.5m);
        _world.Clock.Advance(TimeSpan.FromSeconds(1));
        await _world.AccommodateAsync(2m, Extension(SubmitWorld.Due.AddDays(1)));
        _world.Clock.Advance(TimeSpan.FromSeconds(1));
        await _world.Accommodations.ClearAsync(_world.Teacher, SubmitWorld.Course, SubmitWorld.Student, null, CancellationToken.None);

        var entries = (await new AuditLog(_world.Store).AboutAsync(SubmitWorld.Tenant, SubmitWorld.Student, CancellationToken.None))
            .Where(e => e.Action == AccommodationsHandler.AuditAction).OrderBy(e => e.At).ToList();
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal("t1", e.ActorUserId));
        Assert.Null(entries[0].Old);
        Assert.Contains("1.5", entries[0].New, StringComparison.Ordinal);
        Assert.Equal("IEP", entries[0].Reason);
        Assert.Contains("quiz1", entries[1].New, StringComparison.Ordinal);
        Assert.Null(entries[2].New);
        Assert.Contains("quiz1", entries[2].Old, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NoAccommodation_IsMultiplierOneAndNoExtensions_WithAnETag()
    {
        var outcome = await _world.Accommodations.GetAsync(_world.Teacher, SubmitWorld.Course, SubmitWorld.Student, CancellationToken.None);

        Assert.Equal(1m, outcome.Value!.View.TimeMultiplier);
        Assert.Empty(outcome.Value.View.Extensions);
        Assert.NotEmpty(outcome.Value.ETag);
    }

    [Fact]
    public async Task Set_StaleIfMatch_IsPreconditionFailed_AndChangesNothing()
    {
        var read = (await _world.Accommodations.GetAsync(_world.Teacher, SubmitWorld.Course, SubmitWorld.Student, CancellationToken.None)).Value!;
        await _world.AccommodateAsync(1.5m);

        var stale = await _world.Accommodations.SetAsync(_world.Teacher, SubmitWorld.Course, SubmitWorld.Student, new SetAccommodationCommand(3m, []), read.ETag, CancellationToken.None);

        Assert.Equal(ProblemKind.PreconditionFailed, stale.Problem?.Kind);
        Assert.Equal(1.5m, (await _world.Accommodations.GetAsync(_world.Teacher, SubmitWorld.Course, SubmitWorld.Student, CancellationToken.None)).Value!.View.TimeMultiplier);
    }

    [Theory]
    [InlineData(0.5, "timeMultiplier")]
    [InlineData(4.01, "timeMultiplier")]
    public async Task Set_MultiplierOutOfRange_IsInvalidNamingIt(double multiplier, string field)
    {
        var outcome = await _world.AccommodateAsync((decimal)multiplier);

        Assert.True(outcome.Problem!.Errors!.ContainsKey(field));
    }

    [Fact]
    public async Task Set_ExtensionOfAnotherCoursesAssessment_OrTwice_IsInvalidNamingTheExtension()
    {
        await _world.Submit.AddAssessmentAsync(SubmitWorld.Quiz());
        await _world.Submit.AddAssessmentAsync(SubmitWorld.Quiz() with { Id = "bio-quiz", CourseId = "bio201" });

        var outcome = await _world.AccommodateAsync(null, Extension(SubmitWorld.Due), Extension(SubmitWorld.Due, "bio-quiz"), Extension(SubmitWorld.Due), new ExtensionInput("quiz1", null));

        Assert.Equal(["extensions[1].assessmentId", "extensions[2].assessmentId", "extensions[3].assessmentId", "extensions[3].dueAt"], outcome.Problem!.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Null((await _world.Store.GetAsync<EnrollmentRecord>(SubmitWorld.Tenant, EnrollmentRecord.IdFor(SubmitWorld.Course, SubmitWorld.Student)))!.Value.Accommodation);
    }

    [Fact]
    public async Task Set_ByATeacherOfAnotherCourse_IsNotFound()
    {
        var stranger = new Caller(SubmitWorld.Tenant, "t9", new HashSet<string> { Roles.Teacher });

        var outcome = await _world.Accommodations.SetAsync(stranger, SubmitWorld.Course, SubmitWorld.Student, new SetAccommodationCommand(2m, []), null, CancellationToken.None);

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
    }

    [Fact]
    public async Task Set_ForTheTeacherNotAStudent_IsNotFound()
    {
        var outcome = await _world.Accommodations.SetAsync(_world.Teacher, SubmitWorld.Course, "t1", new SetAccommodationCommand(2m, []), null, CancellationToken.None);

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
    }

    [Fact]
    public async Task Set_ByATenantAdminNotEnrolled_IsAllowed()
    {
        var admin = new Caller(SubmitWorld.Tenant, "admin1", new HashSet<string> { Roles.TenantAdmin });

        var outcome = await _world.Accommodations.SetAsync(admin, SubmitWorld.Course, SubmitWorld.Student, new SetAccommodationCommand(2m, []), null, CancellationToken.None);

        Assert.Equal(2m, outcome.Value!.View.TimeMultiplier);
    }

    [Fact]
    public async Task StudentReads_ShowTheirOwnDueDateDeadlineAndLimit()
    {
        await _world.TimedQuizAsync(limitSeconds: 1200);
        await _world.AccommodateAsync(1.5m, Extension(SubmitWorld.Due.AddDays(3)));
        _world.Clock.Set(SubmitWorld.Due.AddDays(1));
        var lookup = new AssessmentLookup(_world.Store, _world.Clock);

        var single = (await new GetStudentAssessmentHandler(lookup, _world.Submit.Access).HandleAsync(_world.Student, "quiz1", CancellationToken.None)).Value!;
        var listed = (await new ListCourseAssessmentsHandler(_world.Store, _world.Submit.Access, _world.Clock)
            .ForStudentAsync(_world.Student, SubmitWorld.Course, null, null, CancellationToken.None)).Value!.Items.Single();

        Assert.Equal(SubmitWorld.Due.AddDays(3), single.DueAt);
        Assert.Equal(SubmitWorld.Due.AddDays(3), single.Deadline);
        Assert.Equal(1800, single.TimeLimitSeconds);
        Assert.Equal(SubmitWorld.Due.AddDays(3), listed.Deadline);
        Assert.True(listed.Open);
        Assert.Equal(1800, listed.TimeLimitSeconds);
    }
}
