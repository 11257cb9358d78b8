using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Serialization;
using EdTech.Application.Storage;
using EdTech.Application.Users;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Users;

/// <summary>PATCH of a user: merge semantics, If-Match, validation naming fields, 404 across tenants, audit.</summary>
public sealed class UpdateUserHandlerTests : IAsyncLifetime
{
    private readonly UserWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private static UpdateUserCommand Patch(Optional<string?> displayName = default, Optional<string?> email = default, Optional<string[]?> roles = default, Optional<bool?> active = default) =>
        new(displayName, email, roles, active);

    private static Optional<T> Set<T>(T value) => new(true, value);

    private Task<Outcome<Versioned<UserRecord>>> UpdateAsync(UpdateUserCommand command, string userId = "s1", string? ifMatch = null, Caller? caller = null) =>
        _world.Here.Update.HandleAsync(caller ?? _world.Admin, userId, command, ifMatch, CancellationToken.None);

    [Fact]
    public async Task Update_OnlyPresentFields_ChangeTheRestStays_AndTheETagMoves()
    {
        var before = await _world.UserAsync("s1");

        var outcome = await UpdateAsync(Patch(displayName: Set<string?>("  Samuel "), roles: Set<string[]?>(["teacher", "student", "teacher"])));

        Assert.True(outcome.IsSuccess, outcome.Problem?.ToString());
        var after = await _world.UserAsync("s1");
        Assert.Equal("Samuel", after.Value.DisplayName);
        Assert.Equal("sam@school.example", after.Value.Email);
        Assert.Equal(["student", "teacher"], after.Value.Roles);
        Assert.True(after.Value.Active);
        Assert.Equal(before.Value.CreatedAt, after.Value.CreatedAt);
        Assert.NotEqual(before.ETag, after.ETag);
        Assert.Equal(after.ETag, outcome.Value!.ETag);
    }

    [Fact]
    public async Task Update_WithTheCurrentETag_Applies_WithAStaleOne_Is412AndWritesNothing()
    {
        var first = await _world.UserAsync("s1");
        Assert.True((await UpdateAsync(Patch(email: Set<string?>("sam@new.example")), ifMatch: first.ETag)).IsSuccess);
        var current = await _world.UserAsync("s1");

        var stale = await UpdateAsync(Patch(displayName: Set<string?>("Late")), ifMatch: first.ETag);

        Assert.Equal(ProblemKind.PreconditionFailed, stale.Problem?.Kind);
        Assert.Equal(current.ETag, (await _world.UserAsync("s1")).ETag);
        Assert.Equal("Sam", (await _world.UserAsync("s1")).Value.DisplayName);
    }

    [Fact]
    public async Task Update_NullOrInvalidFields_Is422NamingEachField_AndWritesNothing()
    {
        var before = await _world.UserAsync("s1");

        var outcome = await UpdateAsync(Patch(displayName: Set<string?>(null), email: Set<string?>("no-at-sign"), roles: Set<string[]?>(["student", "platform-admin"]), active: Set<bool?>(null)));

        Assert.Equal(ProblemKind.Validation, outcome.Problem?.Kind);
        Assert.Equal(["active", "displayName", "email", "roles[1]"], outcome.Problem!.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before.ETag, (await _world.UserAsync("s1")).ETag);
        Assert.Empty(await _world.AuditAboutAsync("s1"));
    }

    [Fact]
    public async Task Update_EmptyRoles_Is422NamingRoles()
    {
        var outcome = await UpdateAsync(Patch(roles: Set<string[]?>([])));

        Assert.Equal(["roles"], outcome.Problem?.Errors?.Keys);
    }

    [Fact]
    public async Task Update_DeactivatingYourself_Is422NamingActive()
    {
        await _world.Store.CreateAsync(UserWorld.Tenant, new UserRecord("admin1", "Ada", "ada@school.example", [Roles.TenantAdmin], _world.Clock.GetUtcNow()));

        var outcome = await UpdateAsync(Patch(active: Set<bool?>(false)), userId: "admin1");

        Assert.Equal(["active"], outcome.Problem?.Errors?.Keys);
        Assert.True((await _world.UserAsync("admin1")).Value.Active);
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("not a valid id")]
    public async Task Update_UnknownUser_Is404(string userId)
    {
        var outcome = await UpdateAsync(Patch(displayName: Set<string?>("X")), userId);

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
    }

    [Fact]
    public async Task Update_AnotherTenantsUser_Is404_AndTheirRecordIsUntouched()
    {
        var foreignAdmin = _world.Admin with { Tenant = new TenantId("school-c") };
        var before = await _world.UserAsync("s1", UserWorld.OtherTenant);

        var outcome = await UpdateAsync(Patch(active: Set<bool?>(false)), caller: foreignAdmin);

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
        Assert.Equal(before.ETag, (await _world.UserAsync("s1", UserWorld.OtherTenant)).ETag);
        Assert.True((await _world.UserAsync("s1")).Value.Active);
    }

    [Fact]
    public async Task Update_ThatChangesNothing_WritesNothing_AndAuditsNothing()
    {
        var before = await _world.UserAsync("s1");

        var outcome = await UpdateAsync(Patch(displayName: Set<string?>("Sam"), active: Set<bool?>(true)));

        Assert.Equal(before.ETag, outcome.Value!.ETag);
        Assert.Equal(before.ETag, (await _world.UserAsync("s1")).ETag);
        Assert.Empty(await _world.AuditAboutAsync("s1"));
    }

    [Fact]
    public async Task Update_IsAudited_WithActorOldAndNewOfTheChangedFieldsOnly()
    {
        await UpdateAsync(Patch(displayName: Set<string?>("Samuel")));
        await UpdateAsync(Patch(active: Set<bool?>(false)));
        await UpdateAsync(Patch(active: Set<bool?>(true)));

        var entries = await _world.AuditAboutAsync("s1");
        Assert.Equal(new[] { AuditActions.UserUpdated, AuditActions.UserDeactivated, AuditActions.UserReactivated }.Order(StringComparer.Ordinal),
            entries.Select(e => e.Action).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.Equal("admin1", e.ActorUserId));
        Assert.All(entries, e => Assert.Equal("user:s1", e.Resource));
        var renamed = entries.Single(e => e.Action == AuditActions.UserUpdated);
        Assert.Equal("displayName=Sam", renamed.Old);
        Assert.Equal("displayName=Samuel", renamed.New);
        var deactivated = entries.Single(e => e.Action == AuditActions.UserDeactivated);
        Assert.Equal("active=true", deactivated.Old);
        Assert.Equal("active=false", deactivated.New);
    }

    [Fact]
    public void UserRecord_StoredBeforeActiveExisted_ReadsAsActive()
    {
        const string old = """{"id":"u9","displayName":"Old","email":"old@school.example","roles":["student"],"createdAt":"2025-01-01T00:00:00+00:00"}""";

        var user = System.Text.Json.JsonSerializer.Deserialize<UserRecord>(old, EdTechJson.Options)!;

        Assert.True(user.Active);
        Assert.Contains("\"active\":false", TypedDocumentStore.Serialize(user with { Active = false }), StringComparison.Ordinal);
    }
}
