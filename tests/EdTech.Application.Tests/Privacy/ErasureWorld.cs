using EdTech.Application.Access;
using EdTech.Application.Audit;
using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Learning;
using EdTech.Application.Outbox;
using EdTech.Application.Privacy;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Application.Tests.Privacy;

/// <summary>
/// A fresh SQLite store composed as both hosts compose it (the erasure guard over the adapter), the privacy handlers over it,
/// a manual clock, and a student s1 (with classmate s2) of course math101 who has a document in every place of
/// <see cref="StudentData.Locations"/>.
/// </summary>
public sealed class ErasureWorld : IAsyncLifetime
{
    public static readonly TenantId Tenant = new("school-a");
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public const string Course = "math101";

    private readonly TempSqliteStore _temp = new("edtech-erasure");
    private ServiceProvider _services = null!;

    /// <summary>The adapter itself, for seeding and inspecting without the guard.</summary>
    public IDocumentStore Raw { get; private set; } = null!;

    /// <summary>What every service sees: the guard over the adapter.</summary>
    public IDocumentStore Store { get; private set; } = null!;

    public ManualClock Clock { get; } = new(Start);

    /// <summary>The admin; roles given out of order so the stored, ordered roles are checked.</summary>
    public Caller Admin { get; } = new(Tenant, "admin1", new HashSet<string> { "tenant-admin", "content-author" });

    public RecordingArchive Archive { get; } = new();

    public CourseAccess Access { get; private set; } = null!;

    public RecommendationCache Recommendations { get; private set; } = null!;

    public TeacherQueryCache TeacherCache { get; private set; } = null!;

    public ErasureMarkers Markers { get; private set; } = null!;

    public EraseStudentHandler Eraser { get; private set; } = null!;

    public ExportStudentHandler Exporter { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddSqliteDocumentStore(_temp.Options)
            .AddHybridCache().Services
            .BuildServiceProvider();
        Raw = _services.GetRequiredService<IDocumentStore>();
        Store = new ErasureGuardedStore(Raw);
        Access = new CourseAccess(Store, Clock, AccessCacheSettings.Default);
        Recommendations = new RecommendationCache(Clock, new LearningOptions());
        TeacherCache = new TeacherQueryCache(_services.GetRequiredService<HybridCache>(), new LocalCacheStamps());
        Markers = new ErasureMarkers(Store);
        var audit = new AuditLog(Store);
        Eraser = new EraseStudentHandler(Store, audit, Access, TeacherCache, Recommendations, Archive, Markers, Clock);
        Exporter = new ExportStudentHandler(Store, audit, Clock);
        await AddUserAsync("s1", "Ada Lovelace", "ada@school.example", Roles.Student);
        await AddUserAsync("s2", "Alan Turing", "alan@school.example", Roles.Student);
        await SeedEverywhereAsync("s1");
        await SeedEverywhereAsync("s2");
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _temp.DisposeAsync();
    }

    public Task AddUserAsync(string id, string name, string email, params string[] roles) =>
        Raw.CreateAsync(Tenant, new UserRecord(id, name, email, roles, Start.AddDays(-30)));

    /// <summary>One document of <paramref name="userId"/> in every place erasure and export look (an enrollment in math101 among them).</summary>
    public async Task SeedEverywhereAsync(string userId)
    {
        foreach (var (container, locate) in StudentData.Locations)
        {
            if (container == Containers.Enrollments)
            {
                await Raw.CreateAsync(Tenant, new EnrollmentRecord(EnrollmentRecord.IdFor(Course, userId), Course, userId, Roles.Student, Start.AddDays(-30)));
                continue;
            }

            var query = locate(userId);
            var partition = query.Partition ?? Course;
            await Raw.CreateAsync(Tenant, container, DocId(container, userId), partition, $$"""{"id":"{{DocId(container, userId)}}","userId":"{{userId}}"}""");
        }
    }

    public static string DocId(string container, string userId) => $"{container}-{userId}";

    /// <summary>Every document of <paramref name="userId"/> where erasure looks, per container (the adapter's view).</summary>
    public async Task<Dictionary<string, int>> CountsAsync(string userId)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (container, locate) in StudentData.Locations)
        {
            counts[container] = (await Raw.QueryAsync(Tenant, container, locate(userId))).Count;
        }

        return counts;
    }

    public Task<Outcome<ErasureSummary>> EraseAsync(string userId = "s1", string? reason = "Left the school") =>
        Eraser.HandleAsync(Admin, new EraseStudentCommand(userId, reason), CancellationToken.None);

    public Task<Outcome<StudentExport>> ExportAsync(string userId = "s1") =>
        Exporter.HandleAsync(Admin, new ExportStudentCommand(userId), CancellationToken.None);

    public async Task<AuditEntry?> AuditAsync(string id, string partition) =>
        (await Raw.GetAsync<AuditEntry>(Tenant, id, partition))?.Value;
}

/// <summary>The outbox adapter's kept messages, as far as erasure sees them: answers a fixed count and records who was forgotten.</summary>
public sealed class RecordingArchive : IOutboxArchive
{
    public int Kept { get; set; } = 3;

    public List<(TenantId Tenant, string UserId)> Forgotten { get; } = [];

    public Task<int> ForgetSubjectAsync(TenantId tenant, string userId, CancellationToken cancellationToken)
    {
        Forgotten.Add((tenant, userId));
        return Task.FromResult(Kept);
    }
}
