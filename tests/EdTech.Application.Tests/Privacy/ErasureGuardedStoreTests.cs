using EdTech.Domain.Submissions;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Common;
using EdTech.Application.Privacy;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdTech.Application.Tests.Privacy;

/// <summary>The erasure guard over the real SQLite adapter: refused before, undone after, and only for the erased student's data.</summary>
public sealed class ErasureGuardedStoreTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = GuardWorld.Tenant;
    private static readonly Caller Admin = GuardWorld.Admin;
    private readonly GuardWorld _world = new();

    private IDocumentStore Raw => _world.Raw;

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Write_OfAnErasedStudentsData_IsRefusedAndStoresNothing()
    {
        var guarded = new ErasureGuardedStore(Raw);
        await _world.MarkErasedAsync("s1");

        await Assert.ThrowsAsync<SubjectErasedException>(() => guarded.ReplaceAsync(Tenant, GuardWorld.View("v1", "s1"), ifMatch: null));
        await Assert.ThrowsAsync<SubjectErasedException>(() => guarded.CreateAsync(Tenant, Rating("r1", "s1")));

        Assert.Null(await Raw.GetAsync(Tenant, Containers.SubmissionViews, "v1"));
        Assert.Null(await Raw.GetAsync(Tenant, Containers.ItemRatings, "r1"));
    }

    [Fact]
    public async Task Write_ThatRacedTheMarker_IsUndone()
    {
        // The erasure's marker lands between the guard's first check and its write: the recheck sees it and deletes the write.
        var guarded = new ErasureGuardedStore(new MarkAfterWrite(Raw, "s1"));

        await Assert.ThrowsAsync<SubjectErasedException>(() => guarded.ReplaceAsync(Tenant, GuardWorld.View("v1", "s1"), ifMatch: null));

        Assert.Null(await Raw.GetAsync(Tenant, Containers.SubmissionViews, "v1"));
    }

    [Fact]
    public async Task Write_OfAnotherStudentOrOfNoStudent_PassesThrough()
    {
        var guarded = new ErasureGuardedStore(Raw);
        await _world.MarkErasedAsync("s1");

        await guarded.ReplaceAsync(Tenant, GuardWorld.View("v2", "s2"), ifMatch: null);
        await guarded.ReplaceAsync(Tenant, new ItemStatsRecord(ItemStatsRecord.IdFor("quiz1", "q1"), "math101", "quiz1", "q1", 1, 1, 0), ifMatch: null);
        await guarded.CreateAsync(Tenant, new AuditEntry("a1", DateTimeOffset.UtcNow, "t1", ["teacher"], "grade.changed", "s2", null));

        Assert.NotNull(await Raw.GetAsync(Tenant, Containers.SubmissionViews, "v2"));
        Assert.NotNull(await Raw.GetAsync(Tenant, Containers.ItemStats, ItemStatsRecord.IdFor("quiz1", "q1")));
        Assert.NotNull(await Raw.GetAsync(Tenant, Containers.Audit, "a1"));
    }

    [Fact]
    public async Task Marker_InAnotherTenant_DoesNotGuardThisOne()
    {
        var guarded = new ErasureGuardedStore(Raw);
        var other = new TenantId("school-b");
        await new ErasureMarkers(Raw).MarkAsync(other, "s1", Admin with { Tenant = other }, DateTimeOffset.UtcNow, default);

        await guarded.ReplaceAsync(Tenant, GuardWorld.View("v1", "s1"), ifMatch: null);

        Assert.NotNull(await Raw.GetAsync(Tenant, Containers.SubmissionViews, "v1"));
    }

    [Fact]
    public void SubjectOf_EveryStudentDataContainer_FindsTheStudent_TheWayErasureLooksForThem()
    {
        foreach (var (container, locate) in StudentData.Locations)
        {
            var query = locate("s1");
            var json = query.Partition is null ? """{"userId":"s1"}""" : """{"userId":"someone-else"}""";
            var partition = query.Partition ?? "course-or-assessment";

            Assert.Equal("s1", StudentData.SubjectOf(container, partition, json));
        }

        Assert.Equal("s1", StudentData.SubjectOf(Containers.Audit, "s1", "{}"));
        Assert.Null(StudentData.SubjectOf(Containers.ItemStats, "math101", """{"userId":"s1"}"""));
    }

    [Fact]
    public async Task Write_OfAnAuditEntryAboutAnErasedStudent_IsRefused()
    {
        var guarded = new ErasureGuardedStore(Raw);
        await _world.MarkErasedAsync("s1");

        await Assert.ThrowsAsync<SubjectErasedException>(() =>
            guarded.CreateAsync(Tenant, new AuditEntry("a1", DateTimeOffset.UtcNow, "t1", ["teacher"], "grade.changed", "s1", null)));

        Assert.Null(await Raw.GetAsync(Tenant, Containers.Audit, "a1"));
    }

    [Theory]
    [InlineData("""{"userId":""}""")]
    [InlineData("""{"userId":5}""")]
    [InlineData("""{"userId":null}""")]
    [InlineData("""{"student":"s1"}""")]
    [InlineData("""["s1"]""")]
    public async Task Write_WithoutAStudentToCheck_PassesThroughEvenWhenTheEmptyIdIsMarked(string json)
    {
        var guarded = new ErasureGuardedStore(Raw);
        await _world.MarkErasedAsync("");
        await _world.MarkErasedAsync("s1");

        await guarded.CreateAsync(Tenant, Containers.Submissions, "x1", "math101", json);

        Assert.NotNull(await Raw.GetAsync(Tenant, Containers.Submissions, "x1"));
    }

    [Fact]
    public async Task Write_InAContainerOfNoStudent_IsNeverChecked()
    {
        // A course document that happens to carry a userId field of an erased student is not the student's data.
        var guarded = new ErasureGuardedStore(Raw);
        await _world.MarkErasedAsync("s1");

        await guarded.CreateAsync(Tenant, Containers.Courses, "math101", "math101", """{"id":"math101","userId":"s1"}""");

        Assert.NotNull(await Raw.GetAsync(Tenant, Containers.Courses, "math101"));
    }

    [Fact]
    public async Task Write_OfAnErasedStudentsData_IsRefusedBeforeTheWriteIsMade()
    {
        var counting = new AdapterCalls(Raw);
        var guarded = new ErasureGuardedStore(counting);
        await _world.MarkErasedAsync("s1");

        await Assert.ThrowsAsync<SubjectErasedException>(() => guarded.CreateAsync(Tenant, GuardWorld.View("v1", "s1")));

        Assert.Equal(0, counting.Writes);
        Assert.Equal(0, counting.Deletes);
    }

    [Fact]
    public async Task Write_ThatRacedTheMarker_ThrowsNamingTheContainer()
    {
        var guarded = new ErasureGuardedStore(new MarkAfterWrite(Raw, "s1"));

        var error = await Assert.ThrowsAsync<SubjectErasedException>(() => guarded.CreateAsync(Tenant, Rating("r1", "s1")));

        Assert.Equal(Containers.ItemRatings, error.Container);
        Assert.Null(await Raw.GetAsync(Tenant, Containers.ItemRatings, "r1"));
    }

    [Fact]
    public async Task Write_OfAStudentNotErased_ReturnsTheStoresResult()
    {
        var guarded = new ErasureGuardedStore(Raw);

        var created = await guarded.CreateAsync(Tenant, Containers.Submissions, "x1", "math101", """{"userId":"s2"}""");
        var again = await guarded.CreateAsync(Tenant, Containers.Submissions, "x1", "math101", """{"userId":"s2"}""");
        var replaced = await guarded.ReplaceAsync(Tenant, Containers.Submissions, "x1", "math101", """{"userId":"s2","n":1}""", created.Document!.ETag);

        Assert.Equal(WriteStatus.Created, created.Status);
        Assert.Equal(WriteStatus.AlreadyExists, again.Status);
        Assert.Equal(WriteStatus.Replaced, replaced.Status);
        Assert.Same(Raw, guarded.Inner);
    }

    [Fact]
    public async Task ReadsQueriesAndDeletes_PassThroughForAnErasedStudent()
    {
        var guarded = new ErasureGuardedStore(Raw);
        await Raw.CreateAsync(Tenant, Containers.Submissions, "x1", "math101", """{"userId":"s1"}""");
        await _world.MarkErasedAsync("s1");

        Assert.NotNull(await guarded.GetAsync(Tenant, Containers.Submissions, "x1"));
        Assert.NotNull(await guarded.GetAsync(Tenant, Containers.Submissions, "x1", "math101"));
        Assert.Single(await guarded.QueryAsync(Tenant, Containers.Submissions, DocumentQuery.Where("userId", "s1")));
        Assert.True(await guarded.DeleteAsync(Tenant, Containers.Submissions, "x1"));
        Assert.Null(await Raw.GetAsync(Tenant, Containers.Submissions, "x1"));
    }

    [Fact]
    public void SubjectOf_AContainerOfNoStudentOrAFieldMissing_IsNull()
    {
        Assert.Null(StudentData.SubjectOf(Containers.Courses, "s1", """{"userId":"s1"}"""));
        Assert.Null(StudentData.SubjectOf(Containers.Users, "s1", """{"userId":"s1"}"""));
        Assert.Null(StudentData.SubjectOf(Containers.Submissions, "s1", "{}"));
        Assert.Null(StudentData.SubjectOf(Containers.Submissions, "s1", """{"userId":7}"""));
        Assert.Null(StudentData.SubjectOf(Containers.Submissions, "s1", """["userId"]"""));
        Assert.Null(StudentData.SubjectOf(Containers.Submissions, "s1", "\"s1\""));
        Assert.Equal("s2", StudentData.SubjectOf(Containers.Submissions, "s1", """{"id":"x","userId":"s2"}"""));
        Assert.Equal("s1", StudentData.SubjectOf(Containers.Notifications, "s1", "[]"));
    }

    [Fact]
    public void IsGuarded_EveryPlaceOfStudentDataAndTheAuditLog_NothingElse()
    {
        Assert.All(StudentData.Locations.Keys, c => Assert.True(StudentData.IsGuarded(c)));
        Assert.True(StudentData.IsGuarded(Containers.Audit));
        Assert.All(StudentData.Free, c => Assert.False(StudentData.IsGuarded(c)));
        Assert.False(StudentData.IsGuarded(Containers.Users));
    }

    [Theory]
    [InlineData(true, "student")]
    [InlineData(false, "teacher")]
    [InlineData(false, "student", "teacher")]
    [InlineData(false, "tenant-admin", "student")]
    [InlineData(false)]
    public void IsStudentOnly_StudentsOnly_NotStaffNorNoRole(bool expected, params string[] roles)
    {
        Assert.Equal(expected, StudentData.IsStudentOnly(new UserRecord("u1", "U", "u@x.example", roles, DateTimeOffset.UtcNow)));
        Assert.Throws<ArgumentNullException>(() => StudentData.IsStudentOnly(null!));
    }

    [Fact]
    public async Task Delivery_AChangeOfAnErasedStudent_IsDroppedWithoutPoison_AndTheRestOfTheBatchIsHandled()
    {
        var handled = new List<string>();
        var handler = new RecordingHandler(handled);
        var delivery = new ChangeFeedDelivery(Raw, new ChangeFeedRetryOptions(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), 3), [], TimeProvider.System,
            NullLogger<ChangeFeedDelivery>.Instance);
        StoredDocument Change(string id) => new(Tenant, Containers.Submissions, id, "math101", "{}", "e", 1, DateTimeOffset.UtcNow);

        await delivery.DeliverAsync(handler, [Change("ok-1"), Change("erased"), Change("ok-2")], default);

        Assert.Equal(["ok-1", "ok-2"], handled.Distinct().Order().ToList());
        Assert.Empty(await Raw.QueryAsync(Tenant, Containers.Poison, DocumentQuery.All));
    }

    private static ItemRatingRecord Rating(string id, string userId) =>
        new(id, "math101", "quiz1", "q1", userId, false, null, DateTimeOffset.UtcNow);

    /// <summary>Writes the erasure marker of <paramref name="userId"/> right after passing a write through.</summary>
    private sealed class MarkAfterWrite(IDocumentStore inner, string userId) : IDocumentStore
    {
        public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) => inner.GetAsync(tenant, container, id, cancellationToken);

        public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, string partition, CancellationToken cancellationToken = default) =>
            inner.GetAsync(tenant, container, id, partition, cancellationToken);

        public async Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default)
        {
            var result = await inner.CreateAsync(tenant, container, id, partition, json, cancellationToken);
            await new ErasureMarkers(inner).MarkAsync(tenant, userId, Admin, DateTimeOffset.UtcNow, cancellationToken);
            return result;
        }

        public async Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default)
        {
            var result = await inner.ReplaceAsync(tenant, container, id, partition, json, ifMatch, cancellationToken);
            await new ErasureMarkers(inner).MarkAsync(tenant, userId, Admin, DateTimeOffset.UtcNow, cancellationToken);
            return result;
        }

        public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken);

        public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
            inner.QueryAsync(tenant, container, query, cancellationToken);
    }

    private sealed class RecordingHandler(List<string> handled) : IChangeFeedHandler
    {
        public string Name => "test";

        public IReadOnlySet<string> Containers { get; } = new HashSet<string> { Storage.Containers.Submissions };

        public ChangeFeedUrgency Urgency => ChangeFeedUrgency.Immediate;

        public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
        {
            if (changes.Any(c => c.Id == "erased"))
            {
                throw new SubjectErasedException(Storage.Containers.Submissions);
            }

            handled.AddRange(changes.Select(c => c.Id));
            return Task.CompletedTask;
        }
    }
}
