using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Privacy;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Privacy;

/// <summary>The erasure's steps on the real SQLite store behind the erasure guard: what it deletes, counts, writes and forgets.</summary>
public sealed class EraseStudentHandlerTests : IAsyncLifetime
{
    private readonly ErasureWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Handle_Student_DeletesTheirDocumentsEverywhereAndKeepsTheClassmates()
    {
        var outcome = await _world.EraseAsync();

        Assert.True(outcome.IsSuccess);
        Assert.All(await _world.CountsAsync("s1"), c => Assert.Equal(0, c.Value));
        Assert.All(await _world.CountsAsync("s2"), c => Assert.Equal(1, c.Value));
        Assert.Null(await _world.Raw.GetAsync(ErasureWorld.Tenant, Containers.Users, "s1"));
        Assert.NotNull(await _world.Raw.GetAsync(ErasureWorld.Tenant, Containers.Users, "s2"));
    }

    [Fact]
    public async Task Handle_Student_CountsWhatItDeletedPerContainer()
    {
        // A second submission and two audit entries about the student (and one about the classmate, kept).
        await _world.Raw.CreateAsync(ErasureWorld.Tenant, Containers.Submissions, "extra", ErasureWorld.Course, """{"id":"extra","userId":"s1"}""");
        await _world.Raw.CreateAsync(ErasureWorld.Tenant, Audit("a1", "s1"));
        await _world.Raw.CreateAsync(ErasureWorld.Tenant, Audit("a2", "s1"));
        await _world.Raw.CreateAsync(ErasureWorld.Tenant, Audit("a3", "s2"));
        _world.Archive.Kept = 4;

        var summary = (await _world.EraseAsync()).Value!;

        var expected = StudentData.Locations.Keys.ToDictionary(k => k, k => k == Containers.Submissions ? 2 : 1);
        expected["published-messages"] = 4;
        expected[Containers.Audit] = 2;
        expected[Containers.Users] = 1;
        Assert.Equal(expected.OrderBy(e => e.Key), summary.Deleted.OrderBy(e => e.Key));
        Assert.False(summary.AlreadyErased);
        Assert.Equal(SubjectHash.Of(ErasureWorld.Tenant, "s1"), summary.SubjectHash);
        Assert.Equal(ErasureWorld.Start, summary.ErasedAt);
        Assert.Empty(await _world.Raw.QueryAsync(ErasureWorld.Tenant, Containers.Audit, DocumentQuery.InPartition("s1")));
        Assert.NotNull(await _world.AuditAsync("a3", "s2"));
    }

    [Fact]
    public async Task Handle_Student_LeavesOnePseudonymousTombstoneWithTheCountsAndTheTrimmedReason()
    {
        _world.Archive.Kept = 2;

        await _world.EraseAsync(reason: "  Left the school  ");

        var hash = SubjectHash.Of(ErasureWorld.Tenant, "s1");
        var tombstone = await _world.AuditAsync(ErasureMarkers.TombstoneIdFor(hash), hash);
        Assert.NotNull(tombstone);
        Assert.Equal("erased-" + hash, tombstone.Id);
        Assert.Equal(AuditActions.StudentErased, tombstone.Action);
        Assert.Equal(hash, tombstone.SubjectUserId);
        Assert.Equal("admin1", tombstone.ActorUserId);
        Assert.Equal(["content-author", "tenant-admin"], tombstone.ActorRoles);
        Assert.Equal(ErasureWorld.Start, tombstone.At);
        Assert.Null(tombstone.Resource);
        Assert.Equal("Left the school", tombstone.Reason);
        var counts = string.Join(' ', StudentData.Locations.Keys.Select(k => $"{k}=1")) + " published-messages=2";
        Assert.Equal(counts, tombstone.New);
        Assert.DoesNotContain("s1", tombstone.New!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_Student_WritesTheMarkerFirstAndKeepsIt()
    {
        _world.Clock.Set(ErasureWorld.Start.AddMinutes(7));

        await _world.EraseAsync();

        var hash = SubjectHash.Of(ErasureWorld.Tenant, "s1");
        var marker = await _world.AuditAsync(ErasureMarkers.IdFor(hash), hash);
        Assert.NotNull(marker);
        Assert.Equal("erasing-" + hash, marker.Id);
        Assert.Equal(AuditActions.StudentErasureStarted, marker.Action);
        Assert.Equal(hash, marker.SubjectUserId);
        Assert.Equal("admin1", marker.ActorUserId);
        Assert.Equal(["content-author", "tenant-admin"], marker.ActorRoles);
        Assert.Equal(ErasureWorld.Start.AddMinutes(7), marker.At);
        Assert.True(await _world.Markers.IsErasedAsync(ErasureWorld.Tenant, "s1", CancellationToken.None));
        Assert.False(await _world.Markers.IsErasedAsync(ErasureWorld.Tenant, "s2", CancellationToken.None));
    }

    [Fact]
    public async Task Handle_Student_LaterWritesOfTheirDataAreRefused()
    {
        await _world.EraseAsync();

        await Assert.ThrowsAsync<SubjectErasedException>(() =>
            _world.Store.CreateAsync(ErasureWorld.Tenant, Containers.Submissions, "late", ErasureWorld.Course, """{"id":"late","userId":"s1"}"""));
        await _world.Store.CreateAsync(ErasureWorld.Tenant, Containers.Submissions, "fine", ErasureWorld.Course, """{"id":"fine","userId":"s2"}""");

        Assert.Null(await _world.Raw.GetAsync(ErasureWorld.Tenant, Containers.Submissions, "late"));
        Assert.NotNull(await _world.Raw.GetAsync(ErasureWorld.Tenant, Containers.Submissions, "fine"));
    }

    [Fact]
    public async Task Handle_Student_ForgetsTheirCachedAccessInEveryCourse()
    {
        await _world.Raw.CreateAsync(ErasureWorld.Tenant, new EnrollmentRecord(EnrollmentRecord.IdFor("bio201", "s1"), "bio201", "s1", Roles.Student, ErasureWorld.Start));
        Assert.True(await _world.Access.IsEnrolledAsync(ErasureWorld.Tenant, ErasureWorld.Course, "s1", Roles.Student, CancellationToken.None));
        Assert.True(await _world.Access.IsEnrolledAsync(ErasureWorld.Tenant, "bio201", "s1", Roles.Student, CancellationToken.None));
        Assert.Equal(["bio201", ErasureWorld.Course], await _world.Access.CoursesOfAsync(ErasureWorld.Tenant, "s1", Roles.Student, CancellationToken.None));
        Assert.True(await _world.Access.IsEnrolledAsync(ErasureWorld.Tenant, ErasureWorld.Course, "s2", Roles.Student, CancellationToken.None));

        await _world.EraseAsync();

        // The manual clock has not moved: without the erasure's Forget these would still answer from the cache.
        Assert.False(await _world.Access.IsEnrolledAsync(ErasureWorld.Tenant, ErasureWorld.Course, "s1", Roles.Student, CancellationToken.None));
        Assert.False(await _world.Access.IsEnrolledAsync(ErasureWorld.Tenant, "bio201", "s1", Roles.Student, CancellationToken.None));
        Assert.Empty(await _world.Access.CoursesOfAsync(ErasureWorld.Tenant, "s1", Roles.Student, CancellationToken.None));
        Assert.True(await _world.Access.IsEnrolledAsync(ErasureWorld.Tenant, ErasureWorld.Course, "s2", Roles.Student, CancellationToken.None));
    }

    [Fact]
    public async Task Handle_Student_DropsTheirCachedRecommendationsOnly()
    {
        _world.Recommendations.Put(ErasureWorld.Tenant, new RecommendationRecord("s1", [], [], ErasureWorld.Start));
        _world.Recommendations.Put(ErasureWorld.Tenant, new RecommendationRecord("s2", [], [], ErasureWorld.Start));

        await _world.EraseAsync();

        Assert.Null(_world.Recommendations.Get(ErasureWorld.Tenant, "s1"));
        Assert.NotNull(_world.Recommendations.Get(ErasureWorld.Tenant, "s2"));
    }

    [Fact]
    public async Task Handle_Student_InvalidatesTheTenantsCachedTeacherReads()
    {
        var loads = 0;
        ValueTask<int> Load(CancellationToken _) => ValueTask.FromResult(++loads);
        Task<int> ReadAsync() => _world.TeacherCache.GetOrCreateAsync(ErasureWorld.Tenant, "gradebook:math101", [], Load, CancellationToken.None).AsTask();
        Assert.Equal(1, await ReadAsync());
        Assert.Equal(1, await ReadAsync());

        await _world.EraseAsync();

        Assert.Equal(2, await ReadAsync());
    }

    [Fact]
    public async Task Handle_Student_MakesTheOutboxAdapterForgetThem()
    {
        await _world.EraseAsync();

        Assert.Equal([(ErasureWorld.Tenant, "s1")], _world.Archive.Forgotten);
    }

    [Fact]
    public async Task Handle_Repeated_FindsTheTombstoneDeletesNothingAndReportsAlreadyErased()
    {
        var first = (await _world.EraseAsync()).Value!;
        _world.Clock.Advance(TimeSpan.FromHours(2));
        await _world.Raw.CreateAsync(ErasureWorld.Tenant, Containers.Submissions, "stray", ErasureWorld.Course, """{"id":"stray","userId":"s1"}""");

        var second = await _world.EraseAsync();

        Assert.True(second.IsSuccess);
        Assert.True(second.Value!.AlreadyErased);
        Assert.Empty(second.Value.Deleted);
        Assert.Equal(first.SubjectHash, second.Value.SubjectHash);
        Assert.Equal(first.ErasedAt, second.Value.ErasedAt);
        Assert.NotNull(await _world.Raw.GetAsync(ErasureWorld.Tenant, Containers.Submissions, "stray"));
        Assert.Single(_world.Archive.Forgotten);
    }

    [Fact]
    public async Task Handle_UnknownUserNeverErased_IsNotFoundNamingTheUser()
    {
        var outcome = await _world.EraseAsync("nobody");

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
        Assert.Equal(Problem.NotFound("user").Detail, outcome.Problem!.Detail);
        Assert.Empty(_world.Archive.Forgotten);
    }

    [Theory]
    [InlineData("teacher")]
    [InlineData("tenant-admin")]
    [InlineData("student", "teacher")]
    [InlineData]
    public async Task Handle_UserWithAStaffRoleOrNoRole_IsNotFoundAndErasesNothing(params string[] roles)
    {
        await _world.Raw.DeleteAsync(ErasureWorld.Tenant, Containers.Users, "s1");
        await _world.AddUserAsync("s1", "Ada Lovelace", "ada@school.example", roles);

        var outcome = await _world.EraseAsync();

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
        Assert.Equal(Problem.NotFound("user").Detail, outcome.Problem!.Detail);
        await AssertNothingErasedAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Handle_NoReason_IsInvalidNamingTheReasonAndErasesNothing(string? reason)
    {
        var outcome = await _world.EraseAsync(reason: reason);

        Assert.Equal(ProblemKind.Validation, outcome.Problem?.Kind);
        Assert.Equal(["Required."], outcome.Problem!.Errors!["reason"]);
        await AssertNothingErasedAsync();
    }

    [Fact]
    public async Task Handle_ReasonOver500Characters_IsInvalid_500IsAccepted()
    {
        var over = await _world.EraseAsync(reason: new string('r', EraseStudentValidator.MaxReasonLength + 1));
        await AssertNothingErasedAsync();
        var at = await _world.EraseAsync(reason: new string('r', EraseStudentValidator.MaxReasonLength));

        Assert.Equal(500, EraseStudentValidator.MaxReasonLength);
        Assert.Equal(["At most 500 characters."], over.Problem!.Errors!["reason"]);
        Assert.True(at.IsSuccess);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an id!")]
    public async Task Handle_InvalidUserId_IsInvalidNamingTheUserId(string userId)
    {
        var outcome = await _world.EraseAsync(userId);

        Assert.Equal(ProblemKind.Validation, outcome.Problem?.Kind);
        Assert.True(outcome.Problem!.Errors!.ContainsKey("userId"));
        Assert.False(outcome.Problem.Errors.ContainsKey("reason"));
        Assert.Empty(_world.Archive.Forgotten);
    }

    [Fact]
    public async Task Handle_NoUserId_IsInvalidNamingTheUserIdAsRequired()
    {
        var outcome = await _world.Eraser.HandleAsync(_world.Admin, new EraseStudentCommand(null!, "Left the school"), CancellationToken.None);

        Assert.Equal(ProblemKind.Validation, outcome.Problem?.Kind);
        Assert.Equal(["Required."], outcome.Problem!.Errors!["userId"]);
    }

    [Theory]
    [InlineData("Requested by s1 herself")]
    [InlineData("Requested by ADA LOVELACE")]
    [InlineData("mail from ada@school.example")]
    public async Task Handle_ReasonNamingTheStudent_IsInvalidNamingTheReasonAndErasesNothing(string reason)
    {
        var outcome = await _world.EraseAsync(reason: reason);

        Assert.Equal(ProblemKind.Validation, outcome.Problem?.Kind);
        Assert.Equal(["Must not contain the student's id, name or e-mail: it is kept after the erasure."], outcome.Problem!.Errors!["reason"]);
        await AssertNothingErasedAsync();
    }

    [Fact]
    public async Task Handle_StudentWithoutEmail_IsErasedForAnyReasonNotNamingThem()
    {
        await _world.AddUserAsync("s3", "Grace Hopper", "", Roles.Student);

        var outcome = await _world.EraseAsync("s3", "Left the school");

        Assert.True(outcome.IsSuccess);
        Assert.Null(await _world.Raw.GetAsync(ErasureWorld.Tenant, Containers.Users, "s3"));
    }

    private async Task AssertNothingErasedAsync()
    {
        Assert.All(await _world.CountsAsync("s1"), c => Assert.Equal(1, c.Value));
        Assert.NotNull(await _world.Raw.GetAsync(ErasureWorld.Tenant, Containers.Users, "s1"));
        Assert.False(await _world.Markers.IsErasedAsync(ErasureWorld.Tenant, "s1", CancellationToken.None));
        Assert.Empty(_world.Archive.Forgotten);
    }

    private static AuditEntry Audit(string id, string subject) =>
        new(id, ErasureWorld.Start, "t1", ["teacher"], "grade.changed", subject, "submission:x");
}
