using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Application.Tenants;
using EdTech.Application.Usage;

namespace EdTech.Application.Tests.Privacy;

/// <summary>
/// Export and erasure of the usage documents as the projection really writes them (ids and partitions of their own, not the
/// generic seed of <see cref="ErasureWorld"/>): the student's events, per-day totals and module progress, never a classmate's.
/// </summary>
public sealed class UsageErasureTests : IAsyncLifetime
{
    private readonly ErasureWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task ExportThenErase_StudentsUsageEventsDaysAndModuleProgress_ClassmatesKept()
    {
        var projection = new UsageProjection(_world.Raw, new TenantTimeZones(_world.Raw, _world.Clock), _world.Clock);
        var changes = new List<StoredDocument>();
        foreach (var user in new[] { "s1", "s2" })
        {
            var record = new UsageEventRecord(UsageEventRecord.IdFor(user, "e1"), "e1", user, ErasureWorld.Course, "started", "content", "week1",
                ErasureWorld.Start.AddDays(-2), 30, ErasureWorld.Start.AddDays(-2));
            await _world.Raw.CreateAsync(ErasureWorld.Tenant, record);
            changes.Add((await _world.Raw.GetAsync(ErasureWorld.Tenant, Containers.UsageEvents, record.Id))!);
        }

        await projection.HandleAsync(changes, default);
        var dayId = (string user) => UsageStudentDayRecord.IdFor(ErasureWorld.Course, "2026-05-30", user);
        var progressId = (string user) => UsageModuleProgressRecord.IdFor(ErasureWorld.Course, user);

        var export = (await _world.ExportAsync()).Value!;
        Assert.Contains(export.Containers[Containers.UsageEvents], d => d.GetProperty("id").GetString() == "s1:e1");
        Assert.Contains(export.Containers[Containers.UsageStudentDays], d => d.GetProperty("id").GetString() == dayId("s1"));
        Assert.Contains(export.Containers[Containers.UsageModuleProgress], d => d.GetProperty("id").GetString() == progressId("s1"));
        Assert.DoesNotContain(export.Containers.Values.SelectMany(v => v), d => d.TryGetProperty("userId", out var u) && u.GetString() == "s2");

        Assert.True((await _world.EraseAsync()).IsSuccess);

        Assert.Null(await _world.Raw.GetAsync(ErasureWorld.Tenant, Containers.UsageEvents, "s1:e1"));
        Assert.Null(await _world.Raw.GetAsync(ErasureWorld.Tenant, Containers.UsageStudentDays, dayId("s1")));
        Assert.Null(await _world.Raw.GetAsync(ErasureWorld.Tenant, Containers.UsageModuleProgress, progressId("s1")));
        Assert.NotNull(await _world.Raw.GetAsync(ErasureWorld.Tenant, Containers.UsageEvents, "s2:e1"));
        Assert.NotNull(await _world.Raw.GetAsync(ErasureWorld.Tenant, Containers.UsageStudentDays, dayId("s2")));
        Assert.NotNull(await _world.Raw.GetAsync(ErasureWorld.Tenant, Containers.UsageModuleProgress, progressId("s2")));
    }
}
