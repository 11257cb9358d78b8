using EdTech.Application.Access;
using EdTech.Application.Audit;
using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Courses;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Submissions;
using EdTech.Application.Users;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Options;

namespace EdTech.Application.Tests.Users;

/// <summary>
/// A fresh SQLite store with users s1 (student) and t1 (teacher) enrolled in math101, and the user-management use cases over it.
/// <see cref="NewInstance"/> gives another app instance: its own memory (L1) and access caches, the same store and the same
/// shared L2 (Redis in Azure; here one in-memory IDistributedCache), all on <see cref="Clock"/>.
/// </summary>
public sealed class UserWorld : IAsyncLifetime
{
    public static readonly TenantId Tenant = new("school-a");
    public static readonly TenantId OtherTenant = new("school-b");
    public static readonly AccessCacheSettings Settings = new(TimeSpan.FromSeconds(5));

    private readonly TempSqliteStore _temp = new("edtech-users");
    private readonly IDistributedCache _shared = new SharedL2(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
    private readonly List<ServiceProvider> _providers = [];

    /// <summary>Starts at the real time: the shared L2 (MemoryDistributedCache) expires entries by the real clock.</summary>
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public IDocumentStore Store { get; private set; } = null!;

    public Caller Admin { get; } = new(Tenant, "admin1", new HashSet<string> { Roles.TenantAdmin });

    public Instance Here { get; private set; } = null!;

    public IDistributedCache Shared => _shared;

    public async Task InitializeAsync()
    {
        var store = new ServiceCollection().AddSqliteDocumentStore(_temp.Options).BuildServiceProvider();
        _providers.Add(store);
        Store = store.GetRequiredService<IDocumentStore>();
        Here = NewInstance();
        foreach (var tenant in new[] { Tenant, OtherTenant })
        {
            await Store.CreateAsync(tenant, new UserRecord("s1", "Sam", "sam@school.example", [Roles.Student], Clock.GetUtcNow()));
            await Store.CreateAsync(tenant, new UserRecord("t1", "Tess", "tess@school.example", [Roles.Teacher], Clock.GetUtcNow()));
        }

        await Store.CreateAsync(Tenant, new CourseRecord("math101", "Maths", Clock.GetUtcNow()));
        await Store.CreateAsync(Tenant, new EnrollmentRecord(EnrollmentRecord.IdFor("math101", "s1"), "math101", "s1", Roles.Student, Clock.GetUtcNow(), "7A"));
        await Store.CreateAsync(Tenant, new EnrollmentRecord(EnrollmentRecord.IdFor("math101", "t1"), "math101", "t1", Roles.Teacher, Clock.GetUtcNow()));
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await _temp.DisposeAsync();
    }

    /// <summary>One app instance: its own L1 memory and access caches over the shared store and L2.</summary>
    public Instance NewInstance()
    {
        var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton(_shared)
            .AddMemoryCache(o => o.Clock = new Ticks(Clock))
            .AddHybridCache().Services
            .BuildServiceProvider();
        _providers.Add(provider);
        var cache = provider.GetRequiredService<HybridCache>();
        var audit = new AuditLog(Store);
        var deactivated = new DeactivatedUsers(cache, Store, Settings);
        var access = new CourseAccess(Store, Clock, Settings);
        var queries = new TeacherQueryCache(cache, new LocalCacheStamps());
        return new Instance(deactivated, access, audit,
            new GetUserHandler(Store), new UpdateUserHandler(Store, audit, deactivated, Clock), new UnenrollUserHandler(Store, access, queries, audit, Clock));
    }

    public async Task<Versioned<UserRecord>> UserAsync(string id, TenantId? tenant = null) => (await Store.GetAsync<UserRecord>(tenant ?? Tenant, id))!;

    public Task<IReadOnlyList<AuditEntry>> AuditAboutAsync(string userId) => new AuditLog(Store).AboutAsync(Tenant, userId, CancellationToken.None);

    public sealed record Instance(DeactivatedUsers Deactivated, CourseAccess Access, IAuditLog Audit, GetUserHandler Get, UpdateUserHandler Update, UnenrollUserHandler Unenroll);

    /// <summary>HybridCache ignores a plain MemoryDistributedCache as its L2 (it would duplicate L1); wrapped, it stands for Redis.</summary>
    private sealed class SharedL2(IDistributedCache inner) : IDistributedCache
    {
        public byte[]? Get(string key) => inner.Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(key, token);

        public void Refresh(string key) => inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

        public void Remove(string key) => inner.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => inner.Set(key, value, options);

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => inner.SetAsync(key, value, options, token);
    }

    private sealed class Ticks(TimeProvider clock) : ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}
