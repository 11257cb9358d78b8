using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Users;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Privacy;

/// <summary>
/// The erasure marker from its write to its lift: marked by the erasure, kept after it, lifted only when the id is created
/// again once the erasure finished <c>Privacy:RecreateErasedAfterSeconds</c> ago (on the real SQLite store, manual clock).
/// </summary>
public sealed class ErasureMarkerLifecycleTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly ErasureWorld _world = new();
    private CreateUserHandler _create = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        _create = new CreateUserHandler(_world.Store, _world.Markers, new ErasureSettings(Window), _world.Clock);
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Mark_Twice_KeepsTheFirstMarker()
    {
        await _world.Markers.MarkAsync(ErasureWorld.Tenant, "s1", _world.Admin, ErasureWorld.Start, CancellationToken.None);
        await _world.Markers.MarkAsync(ErasureWorld.Tenant, "s1", _world.Admin with { UserId = "admin2" }, ErasureWorld.Start.AddHours(1), CancellationToken.None);

        var (marker, completed) = await _world.Markers.StateAsync(ErasureWorld.Tenant, "s1", CancellationToken.None);

        Assert.NotNull(marker);
        Assert.Equal(ErasureWorld.Start, marker.At);
        Assert.Equal("admin1", marker.ActorUserId);
        Assert.Null(completed);
    }

    [Fact]
    public async Task State_BeforeDuringAndAfterAnErasure_IsNoneThenMarkerThenMarkerAndTombstone()
    {
        var before = await _world.Markers.StateAsync(ErasureWorld.Tenant, "s1", CancellationToken.None);
        await _world.Markers.MarkAsync(ErasureWorld.Tenant, "s1", _world.Admin, ErasureWorld.Start, CancellationToken.None);
        var during = await _world.Markers.StateAsync(ErasureWorld.Tenant, "s1", CancellationToken.None);
        _world.Clock.Advance(TimeSpan.FromMinutes(1));
        await _world.EraseAsync();
        var after = await _world.Markers.StateAsync(ErasureWorld.Tenant, "s1", CancellationToken.None);

        Assert.Equal((null, null), before);
        Assert.Equal(AuditActions.StudentErasureStarted, during.Marker?.Action);
        Assert.Null(during.Completed);
        Assert.Equal(ErasureWorld.Start, after.Marker?.At);
        Assert.Equal(AuditActions.StudentErased, after.Completed?.Action);
        Assert.Equal(ErasureWorld.Start.AddMinutes(1), after.Completed?.At);
    }

    [Fact]
    public async Task IsErased_OnlyForThatUserInThatTenant_UntilLifted()
    {
        var other = new TenantId("school-b");
        Assert.False(await _world.Markers.IsErasedAsync(ErasureWorld.Tenant, "s1", CancellationToken.None));
        await _world.Markers.MarkAsync(ErasureWorld.Tenant, "s1", _world.Admin, ErasureWorld.Start, CancellationToken.None);

        Assert.True(await _world.Markers.IsErasedAsync(ErasureWorld.Tenant, "s1", CancellationToken.None));
        Assert.False(await _world.Markers.IsErasedAsync(ErasureWorld.Tenant, "s2", CancellationToken.None));
        Assert.False(await _world.Markers.IsErasedAsync(other, "s1", CancellationToken.None));

        await _world.Markers.LiftAsync(ErasureWorld.Tenant, "s1", CancellationToken.None);

        Assert.False(await _world.Markers.IsErasedAsync(ErasureWorld.Tenant, "s1", CancellationToken.None));
    }

    [Fact]
    public async Task Lift_KeepsTheTombstoneAsTheAuditRecord()
    {
        await _world.EraseAsync();

        await _world.Markers.LiftAsync(ErasureWorld.Tenant, "s1", CancellationToken.None);

        var (marker, completed) = await _world.Markers.StateAsync(ErasureWorld.Tenant, "s1", CancellationToken.None);
        Assert.Null(marker);
        Assert.NotNull(completed);
    }

    [Fact]
    public void MarkerIds_ArePseudonymousAndDistinct()
    {
        var hash = SubjectHash.Of(ErasureWorld.Tenant, "s1");

        Assert.Equal("erasing-" + hash, ErasureMarkers.IdFor(hash));
        Assert.Equal("erased-" + hash, ErasureMarkers.TombstoneIdFor(hash));
        Assert.DoesNotContain("s1", hash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUser_ErasureStartedButNotFinished_Is409NamingTheIdForAnyWait()
    {
        await _world.Markers.MarkAsync(ErasureWorld.Tenant, "s1", _world.Admin, ErasureWorld.Start, CancellationToken.None);
        _world.Clock.Advance(TimeSpan.FromDays(30));

        var outcome = await CreateAsync("s1");

        Assert.Equal(ProblemKind.Conflict, outcome.Problem?.Kind);
        Assert.Equal(["Erased recently; try again later."], outcome.Problem!.Errors!["id"]);
        Assert.True(await _world.Markers.IsErasedAsync(ErasureWorld.Tenant, "s1", CancellationToken.None));
    }

    [Fact]
    public async Task CreateUser_WithinTheWindowAfterTheErasureFinished_Is409AndKeepsTheMarker()
    {
        await _world.EraseAsync();
        _world.Clock.Advance(Window - TimeSpan.FromTicks(1));

        var outcome = await CreateAsync("s1");

        Assert.Equal(ProblemKind.Conflict, outcome.Problem?.Kind);
        Assert.True(outcome.Problem!.Errors!.ContainsKey("id"));
        Assert.Null(await _world.Raw.GetAsync(ErasureWorld.Tenant, Containers.Users, "s1"));
        Assert.True(await _world.Markers.IsErasedAsync(ErasureWorld.Tenant, "s1", CancellationToken.None));
    }

    [Fact]
    public async Task CreateUser_OnceTheWindowHasPassed_LiftsTheMarkerAndTheNewUserStartsEmpty()
    {
        await _world.EraseAsync();
        _world.Clock.Advance(Window);

        var outcome = await CreateAsync("s1");

        Assert.True(outcome.IsSuccess);
        Assert.Equal("Someone New", outcome.Value!.DisplayName);
        Assert.False(await _world.Markers.IsErasedAsync(ErasureWorld.Tenant, "s1", CancellationToken.None));
        Assert.All(await _world.CountsAsync("s1"), c => Assert.Equal(0, c.Value));
        // The new user's data is written again (the guard no longer refuses it); the erasure's tombstone stays.
        await _world.Store.CreateAsync(ErasureWorld.Tenant, Containers.Submissions, "new", ErasureWorld.Course, """{"id":"new","userId":"s1"}""");
        Assert.NotNull(await _world.Raw.GetAsync(ErasureWorld.Tenant, Containers.Submissions, "new"));
        Assert.NotNull((await _world.Markers.StateAsync(ErasureWorld.Tenant, "s1", CancellationToken.None)).Completed);
    }

    [Fact]
    public async Task CreateUser_WithZeroWindow_IsAllowedAsSoonAsTheErasureFinished()
    {
        var create = new CreateUserHandler(_world.Store, _world.Markers, ErasureSettings.From("0"), _world.Clock);
        await _world.EraseAsync();

        var outcome = await create.HandleAsync(_world.Admin, NewUser("s1"), CancellationToken.None);

        Assert.True(outcome.IsSuccess);
    }

    [Fact]
    public async Task CreateUser_IdNeverErased_IsCreatedWithoutTouchingMarkers()
    {
        var outcome = await CreateAsync("s9");

        Assert.True(outcome.IsSuccess);
        Assert.Equal((null, null), await _world.Markers.StateAsync(ErasureWorld.Tenant, "s9", CancellationToken.None));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Settings_Missing_IsTheDefaultOfOneHour(string? seconds)
    {
        Assert.Equal(TimeSpan.FromHours(1), ErasureSettings.From(seconds).RecreateAfter);
        Assert.Same(ErasureSettings.Default, ErasureSettings.From(seconds));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("90", 90)]
    [InlineData("86400", 86400)]
    public void Settings_WholeSeconds_AreTheWindow(string seconds, int expected)
    {
        Assert.Equal(TimeSpan.FromSeconds(expected), ErasureSettings.From(seconds).RecreateAfter);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("an hour")]
    public void Settings_NotAWholeNonNegativeNumber_StopsTheHostNamingTheSetting(string seconds)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ErasureSettings.From(seconds));

        Assert.Equal($"Privacy:RecreateErasedAfterSeconds must be a whole number of seconds (0 or more), not '{seconds}'.", error.Message);
    }

    private Task<Outcome<UserRecord>> CreateAsync(string id) => _create.HandleAsync(_world.Admin, NewUser(id), CancellationToken.None);

    private static CreateUserCommand NewUser(string id) => new(id, "Someone New", "new@school.example", [Roles.Student]);
}
