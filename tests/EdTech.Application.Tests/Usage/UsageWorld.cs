using EdTech.Application.Access;
using EdTech.Application.Analytics;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Application.Tenants;
using EdTech.Application.Tests.Projections;
using EdTech.Application.Tests.Submissions;
using EdTech.Application.Usage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Usage;

/// <summary>A SQLite store with course math101, a manual clock, the usage projection and both reads, for the tenant of <see cref="ProjectionWorld"/>.</summary>
public sealed class UsageWorld(DateTimeOffset start) : IAsyncLifetime, IAsyncDisposable
{
    public const string Course = "math101";

    private readonly ProjectionWorld _world = new();

    public static TenantId Tenant => ProjectionWorld.Tenant;

    public ManualClock Clock { get; } = new(start);

    public IDocumentStore Store => _world.Store;

    public UsageProjection Projection { get; private set; } = null!;

    public GetCourseUsageHandler Read { get; private set; } = null!;

    public GetModuleUsageHandler Modules { get; private set; } = null!;

    public Caller Teacher { get; } = new(ProjectionWorld.Tenant, "t1", new HashSet<string> { Roles.Teacher });

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        var zones = new TenantTimeZones(Store, Clock);
        Projection = new UsageProjection(Store, zones, Clock);
        Read = new GetCourseUsageHandler(Store, Projection, zones, new AnalyticsSettings(Store, new TenantDirectory(Store, Clock, AccessCacheSettings.Default), Clock), Clock);
        Modules = new GetModuleUsageHandler(Store, Clock);
        await Store.CreateAsync(Tenant, new CourseRecord(Course, "Math", start));
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    async ValueTask IAsyncDisposable.DisposeAsync() => await _world.DisposeAsync();

    /// <summary>Registers the tenant in the platform registry with this IANA time zone.</summary>
    public Task SetTimeZoneAsync(string zone) =>
        Store.CreateAsync(TenantId.Platform, new TenantRecord(Tenant.Value, "School A", zone, TenantStatus.Active, start));

    public Task EnrollAsync(string userId, string? section) =>
        Store.CreateAsync(Tenant, new EnrollmentRecord(EnrollmentRecord.IdFor(Course, userId), Course, userId, Roles.Student, start, section));

    public Task AddModuleAsync(string moduleId, int position, params string[] itemIds) =>
        Store.CreateAsync(Tenant, new ModuleRecord(ModuleRecord.IdFor(Course, moduleId), Course, moduleId, "Module " + moduleId, position,
            [.. itemIds.Select(i => new ModuleItem(i, "Item " + i, "page"))], "t1", start));

    /// <summary>Stores one event and returns its change as the feed delivers it.</summary>
    public async Task<StoredDocument> EventAsync(string userId, string eventId, string verb, string objectType, string objectId, DateTimeOffset at, double? duration = null)
    {
        var record = new UsageEventRecord(UsageEventRecord.IdFor(userId, eventId), eventId, userId, Course, verb, objectType, objectId, at, duration, at);
        await Store.CreateAsync(Tenant, record);
        return (await Store.GetAsync(Tenant, Containers.UsageEvents, record.Id))!;
    }

    public async Task<CourseUsageDayRecord?> DayAsync(string date) =>
        (await Store.GetAsync<CourseUsageDayRecord>(Tenant, CourseUsageDayRecord.IdFor(Course, date)))?.Value;

    public async Task<CourseUsage> UsageAsync(string? from, string? to)
    {
        var outcome = await Read.HandleAsync(Teacher, Course, from, to, default);
        Assert.Null(outcome.Problem);
        return outcome.Value!;
    }
}
