using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Users;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Users;

/// <summary>The tenant gate's question "is this user deactivated?": only an explicit active:false; cached; the window across instances.</summary>
public sealed class DeactivatedUsersTests : IAsyncLifetime
{
    private readonly UserWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private Task<Outcome<Versioned<UserRecord>>> SetActiveAsync(UserWorld.Instance on, bool active, string userId = "s1") =>
        on.Update.HandleAsync(_world.Admin, userId, new UpdateUserCommand(default, default, default, new Optional<bool?>(true, active)), null, CancellationToken.None);

    private static ValueTask<bool> IsDeactivatedAsync(UserWorld.Instance on, string userId = "s1", TenantId? tenant = null) =>
        on.Deactivated.IsDeactivatedAsync(tenant ?? UserWorld.Tenant, userId, CancellationToken.None);

    [Theory]
    [InlineData("s1")]
    [InlineData("no-record")]
    [InlineData("not a resource id")]
    public async Task IsDeactivated_ActiveOrRecordlessUser_IsFalse(string userId) =>
        Assert.False(await IsDeactivatedAsync(_world.Here, userId));

    [Fact]
    public async Task IsDeactivated_AfterDeactivationOnThisInstance_IsTrueAtOnce_AndFalseAgainAfterReactivation()
    {
        Assert.False(await IsDeactivatedAsync(_world.Here));

        Assert.True((await SetActiveAsync(_world.Here, active: false)).IsSuccess);
        Assert.True(await IsDeactivatedAsync(_world.Here));

        Assert.True((await SetActiveAsync(_world.Here, active: true)).IsSuccess);
        Assert.False(await IsDeactivatedAsync(_world.Here));
    }

    [Fact]
    public async Task IsDeactivated_IsPerTenant()
    {
        await SetActiveAsync(_world.Here, active: false);

        Assert.True(await IsDeactivatedAsync(_world.Here));
        Assert.False(await IsDeactivatedAsync(_world.Here, tenant: UserWorld.OtherTenant));
    }

    [Fact]
    public async Task IsDeactivated_ThePlatformTenant_IsNeverAsked()
    {
        await _world.Store.CreateAsync(TenantId.Platform, new UserRecord("root", "Root", "root@x.example", [Roles.PlatformAdmin], _world.Clock.GetUtcNow(), Active: false));

        Assert.False(await IsDeactivatedAsync(_world.Here, "root", TenantId.Platform));
    }

    [Fact]
    public async Task IsDeactivated_IsCached_NotAStoreReadPerRequest()
    {
        Assert.False(await IsDeactivatedAsync(_world.Here));
        // Written behind the cache's back (no ForgetAsync): the cached answer stands for the instance's memory time.
        var user = await _world.UserAsync("s1");
        await _world.Store.ReplaceAsync(UserWorld.Tenant, user.Value with { Active = false }, ifMatch: null);

        Assert.False(await IsDeactivatedAsync(_world.Here));
    }

    [Fact]
    public async Task IsDeactivated_ADeactivationOnAnotherInstance_IsInForceHereWithinTheAccessCacheTime()
    {
        var other = _world.NewInstance();
        Assert.False(await IsDeactivatedAsync(_world.Here));

        await SetActiveAsync(other, active: false);
        Assert.True(await IsDeactivatedAsync(other));
        // This instance's memory still answers from before the change (no store or Redis read), for at most Cache:AccessSeconds.
        Assert.False(await IsDeactivatedAsync(_world.Here));
        _world.Clock.Advance(UserWorld.Settings.Ttl + TimeSpan.FromMilliseconds(1));

        Assert.True(await IsDeactivatedAsync(_world.Here));
    }

    [Fact]
    public async Task IsDeactivated_AReactivationOnAnotherInstance_LetsTheUserInHereWithinTheAccessCacheTime()
    {
        var other = _world.NewInstance();
        await SetActiveAsync(_world.Here, active: false);
        Assert.True(await IsDeactivatedAsync(_world.Here));

        await SetActiveAsync(other, active: true);
        _world.Clock.Advance(UserWorld.Settings.Ttl + TimeSpan.FromMilliseconds(1));

        Assert.False(await IsDeactivatedAsync(_world.Here));
    }

    [Fact]
    public void Key_StartsWithTheTenant() =>
        Assert.StartsWith("t/school-a/", DeactivatedUsers.Key(UserWorld.Tenant, "s1"), StringComparison.Ordinal);
}
