using EdTech.Domain.Submissions;
using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Users;

/// <summary>Unenrollment: the enrollment goes (access drops at once here), the history stays, a repeat is 404, audited.</summary>
public sealed class UnenrollUserHandlerTests : IAsyncLifetime
{
    private readonly UserWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private Task<Outcome<EnrollmentRecord>> UnenrollAsync(string courseId, string userId, UserWorld.Instance? on = null, Caller? caller = null) =>
        (on ?? _world.Here).Unenroll.HandleAsync(caller ?? _world.Admin, courseId, userId, CancellationToken.None);

    [Theory]
    [InlineData("s1", Roles.Student)]
    [InlineData("t1", Roles.Teacher)]
    public async Task Unenroll_RemovesTheEnrollment_AndAccessDropsAtOnceOnThisInstance(string userId, string role)
    {
        Assert.True(await _world.Here.Access.IsEnrolledAsync(UserWorld.Tenant, "math101", userId, role, CancellationToken.None));
        Assert.Equal(["math101"], await _world.Here.Access.CoursesOfAsync(UserWorld.Tenant, userId, role, CancellationToken.None));

        var outcome = await UnenrollAsync("math101", userId);

        Assert.True(outcome.IsSuccess, outcome.Problem?.ToString());
        Assert.Null(await _world.Store.GetAsync<EnrollmentRecord>(UserWorld.Tenant, EnrollmentRecord.IdFor("math101", userId)));
        Assert.False(await _world.Here.Access.IsEnrolledAsync(UserWorld.Tenant, "math101", userId, role, CancellationToken.None));
        Assert.Empty(await _world.Here.Access.CoursesOfAsync(UserWorld.Tenant, userId, role, CancellationToken.None));
    }

    [Fact]
    public async Task Unenroll_OnAnotherInstance_DropsAccessHereWithinTheAccessCacheTime()
    {
        Assert.True(await _world.Here.Access.IsEnrolledAsync(UserWorld.Tenant, "math101", "s1", Roles.Student, CancellationToken.None));

        await UnenrollAsync("math101", "s1", _world.NewInstance());
        _world.Clock.Advance(UserWorld.Settings.Ttl);

        Assert.False(await _world.Here.Access.IsEnrolledAsync(UserWorld.Tenant, "math101", "s1", Roles.Student, CancellationToken.None));
    }

    [Fact]
    public async Task Unenroll_Twice_TheSecondIs404_AndAuditsOnce()
    {
        Assert.True((await UnenrollAsync("math101", "s1")).IsSuccess);

        var again = await UnenrollAsync("math101", "s1");

        Assert.Equal(ProblemKind.NotFound, again.Problem?.Kind);
        var entry = Assert.Single(await _world.AuditAboutAsync("s1"));
        Assert.Equal(AuditActions.EnrollmentRemoved, entry.Action);
        Assert.Equal("course:math101", entry.Resource);
        Assert.Equal("role=student; section=7A", entry.Old);
        Assert.Equal("admin1", entry.ActorUserId);
    }

    [Theory]
    [InlineData("bio201", "s1")]
    [InlineData("math101", "s2")]
    [InlineData("math101", "not valid")]
    [InlineData("not valid", "s1")]
    public async Task Unenroll_UnknownCourseOrEnrollment_Is404_AndRemovesNothing(string courseId, string userId)
    {
        var outcome = await UnenrollAsync(courseId, userId);

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
        Assert.Equal(2, (await _world.Store.QueryAsync<EnrollmentRecord>(UserWorld.Tenant, DocumentQuery.InPartition("math101"))).Count);
    }

    [Fact]
    public async Task Unenroll_FromAnotherTenant_Is404()
    {
        var outcome = await UnenrollAsync("math101", "s1", caller: _world.Admin with { Tenant = UserWorld.OtherTenant });

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
        Assert.NotNull(await _world.Store.GetAsync<EnrollmentRecord>(UserWorld.Tenant, EnrollmentRecord.IdFor("math101", "s1")));
    }

    [Fact]
    public async Task Unenroll_KeepsTheUsersRecordAndSubmissions()
    {
        var submission = new SubmissionRecord(Id: "sub1", AssessmentId: "quiz1", AssessmentVersion: 1, CourseId: "math101", UserId: "s1", Answers: [],
            ReceivedAt: _world.Clock.GetUtcNow(), Late: false, Status: SubmissionStatus.Graded, MaxScore: 4m);
        await _world.Store.CreateAsync(UserWorld.Tenant, submission);

        await UnenrollAsync("math101", "s1");

        Assert.NotNull(await _world.Store.GetAsync<SubmissionRecord>(UserWorld.Tenant, "sub1", "math101"));
        Assert.NotNull(await _world.Store.GetAsync<UserRecord>(UserWorld.Tenant, "s1"));
    }
}
