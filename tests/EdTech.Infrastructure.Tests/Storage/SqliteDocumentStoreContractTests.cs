using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Infrastructure.Tests.Storage;

/// <summary>The contract against a fresh SQLite file per test, plus what only the SQLite adapter promises.</summary>
public sealed class SqliteDocumentStoreContractTests : DocumentStoreContractTests
{
    private readonly TempSqliteStore _temp = new("edtech-store");

    private SqliteStoreOptions Options => _temp.Options;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _temp.DisposeAsync();
    }

    protected override Task<IDocumentStore> CreateStoreAsync() =>
        Task.FromResult<IDocumentStore>(SqliteDocumentStore.Open(Options));

    protected override async Task<IDocumentStore> ReopenStoreAsync(IDocumentStore store)
    {
        await DisposeStoreAsync(store);
        return SqliteDocumentStore.Open(Options);
    }

    [Fact]
    public async Task Open_AFileFromBeforeTheTraceParentColumn_AddsItAndKeepsTheRows()
    {
        Directory.CreateDirectory(_temp.Directory);
        await using (var old = new SqliteConnection($"Data Source={Options.DatabasePath}"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE documents(tenant TEXT NOT NULL, container TEXT NOT NULL, id TEXT NOT NULL, partition TEXT NOT NULL,
                    json TEXT NOT NULL CHECK (json_valid(json)), etag TEXT NOT NULL, seq INTEGER NOT NULL, updated_at INTEGER NOT NULL,
                    PRIMARY KEY (tenant, container, id));
                INSERT INTO documents VALUES($tenant, 'courses', 'old', 'p1', '{"title":"Old"}', '"e1"', 1, 0);
                """;
            create.Parameters.AddWithValue("$tenant", TenantA.Value);
            await create.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var store = await OpenAsync();

        var old1 = await store.GetAsync(TenantA, Container, "old");
        Assert.NotNull(old1);
        Assert.Null(old1.TraceParent);
        using var span = new System.Diagnostics.Activity("write").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();
        await store.ReplaceAsync(TenantA, Container, "old", "p1", """{"title":"New"}""", ifMatch: null);
        Assert.Equal(span.Id, (await store.GetAsync(TenantA, Container, "old"))!.TraceParent);
    }

    [Fact]
    public async Task FailingWrite_InABatch_FailsAloneWhileTheOthersCommit()
    {
        var store = await OpenAsync();

        // Queued together so they share group commits; the malformed JSON trips the CHECK (json_valid)
        // constraint inside the transaction, which must roll back to that write's savepoint only.
        var writes = Enumerable.Range(0, 200)
            .Select(i => store.CreateAsync(TenantA, Container, $"doc-{i:D3}", "p1", i == 100 ? "{not json" : $$"""{"n":{{i}}}"""))
            .ToList();
        await Task.WhenAll(writes).ContinueWith(_ => { }, TaskScheduler.Default);

        await Assert.ThrowsAsync<SqliteException>(() => writes[100]);
        Assert.All(writes.Where((_, i) => i != 100), w => Assert.Equal(WriteStatus.Created, w.Result.Status));
        Assert.Null(await store.GetAsync(TenantA, Container, "doc-100"));
        Assert.Equal(199, (await store.QueryAsync(TenantA, Container, DocumentQuery.All)).Count);
        var changes = await ReadOwnChangesAsync((IChangeFeed)store, 0);
        Assert.Equal(199, changes.Count);
        AssertStrictlyIncreasing(changes);
    }

    [Fact]
    public async Task Sequence_IsNotReissued_AfterTheNewestDocumentIsDeletedAndTheStoreReopens()
    {
        var store = await OpenAsync();
        await store.CreateAsync(TenantA, Container, "older", "p1", "{}");
        var newest = await store.CreateAsync(TenantA, Container, "newest", "p1", "{}");
        await store.DeleteAsync(TenantA, Container, "newest");

        var reopened = await ReopenAsync(store);
        var next = await reopened.CreateAsync(TenantA, Container, "next", "p1", "{}");

        // A consumer checkpointed at the deleted document's sequence must still see the next write.
        Assert.True(next.Document!.Sequence > newest.Document!.Sequence);
    }

    [Fact]
    public async Task ReadByContainer_NothingOfThemSinceThePosition_AnswersFromMemoryUpToTheCommittedEnd()
    {
        var store = await OpenAsync();
        var feed = (IChangeFeed)store;
        await store.CreateAsync(TenantA, "other", "o1", "p1", "{}");
        await store.CreateAsync(TenantA, "other", "o2", "p1", "{}");
        var last = await store.CreateAsync(TenantA, "other", "o3", "p1", "{}");
        var wanted = new HashSet<string> { "wanted" };

        // A scan of the file would stop after one position (window 1); the in-memory answer covers every committed change.
        var skipped = await feed.ReadAsync(0, 100, wanted, scanWindow: 1);
        var written = await store.CreateAsync(TenantB, "wanted", "w1", "p1", "{}");
        var next = await feed.ReadAsync(skipped.ScannedUpTo, 100, wanted, scanWindow: 1);

        Assert.Empty(skipped.Changes);
        Assert.Equal(last.Document!.Sequence, skipped.ScannedUpTo);
        Assert.Equal(["w1"], next.Changes.Select(c => c.Id));
        Assert.Equal(written.Document!.Sequence, next.ScannedUpTo);
    }

    [Fact]
    public async Task ReadByContainer_PositionsKnownInMemory_AnswerAsReadingTheFile()
    {
        var store = await OpenAsync();
        await store.CreateAsync(TenantA, "wanted", "w1", "p1", "{}");
        await store.CreateAsync(TenantA, "other", "o1", "p1", "{}");
        await store.CreateAsync(TenantB, "wanted", "w2", "p1", "{}");
        await store.CreateAsync(TenantA, "also", "a1", "p1", "{}");
        await store.ReplaceAsync(TenantA, "wanted", "w1", "p1", """{"v":2}""", ifMatch: null);
        await store.CreateAsync(TenantA, "other", "o2", "p1", "{}");
        await store.DeleteAsync(TenantB, "wanted", "w2");
        var last = await store.CreateAsync(TenantA, "wanted", "w3", "p1", "{}");
        var wanted = new HashSet<string> { "wanted", "also" };
        var cases = (from after in Enumerable.Range(0, (int)last.Document!.Sequence + 1)
                     from max in new[] { 1, 2, 100 }
                     from window in new[] { 1, 3, 100 }
                     select (After: (long)after, Max: max, Window: window)).ToList();

        // From memory: every position was written by this store since it opened. After a reopen nothing is known: the file.
        var fromMemory = await AnswersAsync((IChangeFeed)store);
        var reopened = await ReopenAsync(store);
        var fromFile = await AnswersAsync((IChangeFeed)reopened);

        Assert.Equal(fromFile, fromMemory);
        Assert.Contains(fromMemory, a => a.Contains("w1@", StringComparison.Ordinal) && a.Contains("a1@", StringComparison.Ordinal));

        async Task<List<string>> AnswersAsync(IChangeFeed feed)
        {
            var answers = new List<string>();
            foreach (var (after, max, window) in cases)
            {
                var batch = await feed.ReadAsync(after, max, wanted, window);
                answers.Add($"{after}/{max}/{window}: {string.Join(",", batch.Changes.Select(c => $"{c.Id}@{c.Sequence}"))} to {batch.ScannedUpTo}");
            }

            return answers;
        }
    }

    [Fact]
    public async Task ReadByContainer_AfterReopen_StillReadsChangesWrittenBeforeTheOpen()
    {
        var store = await OpenAsync();
        await store.CreateAsync(TenantA, "wanted", "w1", "p1", "{}");
        await store.CreateAsync(TenantA, "other", "o1", "p1", "{}");

        var reopened = await ReopenAsync(store);
        var batch = await ((IChangeFeed)reopened).ReadAsync(0, 100, new HashSet<string> { "wanted" }, scanWindow: 100);

        Assert.Equal(["w1"], batch.Changes.Select(c => c.Id));
    }

    [Fact]
    public async Task Open_PutsTheFileInWalMode()
    {
        await OpenAsync();

        using var connection = new SqliteConnection($"Data Source={Options.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar() as string);
    }

    [Fact]
    public async Task SynchronousFull_StoresAndReadsBack()
    {
        await using var store = SqliteDocumentStore.Open(Options with { SynchronousFull = true });

        var created = await store.CreateAsync(TenantA, Container, "c1", "p1", "{}");

        Assert.Equal(created.Document, await store.GetAsync(TenantA, Container, "c1"));
    }

    [Fact]
    public async Task Dispose_CommitsWritesStillQueued()
    {
        var store = SqliteDocumentStore.Open(Options);
        var writes = Enumerable.Range(0, 500)
            .Select(i => store.CreateAsync(TenantA, Container, $"doc-{i:D3}", "p1", "{}"))
            .ToList();

        await store.DisposeAsync();

        Assert.All(writes, w => Assert.Equal(WriteStatus.Created, w.Result.Status));
        var reopened = await OpenAsync();
        Assert.Equal(500, (await reopened.QueryAsync(TenantA, Container, DocumentQuery.All)).Count);
    }

    [Fact]
    public async Task CompletedWrites_AreInTheFilesBeforeDispose_AsAfterAProcessKill()
    {
        var store = await OpenAsync();
        var created = await store.CreateAsync(TenantA, Container, "c1", "p1", """{"title":"committed"}""");

        // Snapshot the files while the store is still open, as a kill -9 would leave them; the -shm index
        // is left behind on purpose, SQLite rebuilds it from the WAL on open.
        var crashDirectory = Path.Combine(_temp.Directory, "crash");
        Directory.CreateDirectory(crashDirectory);
        var crashPath = Path.Combine(crashDirectory, "store.db");
        File.Copy(Options.DatabasePath, crashPath);
        if (File.Exists(Options.DatabasePath + "-wal"))
        {
            File.Copy(Options.DatabasePath + "-wal", crashPath + "-wal");
        }

        await using var recovered = SqliteDocumentStore.Open(new SqliteStoreOptions(crashPath));
        var stored = await recovered.GetAsync(TenantA, Container, "c1");
        Assert.Equal(created.Document, stored);
    }

    [Fact]
    public async Task WaitForChanges_WithInfiniteMaxWait_WakesOnAWrite()
    {
        var store = (SqliteDocumentStore)await OpenAsync();

        var wait = store.WaitForChangesAsync(0, Timeout.InfiniteTimeSpan);
        await store.CreateAsync(TenantA, Container, "c1", "p1", "{}");

        Assert.Same(wait, await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public async Task Write_AfterDispose_ThrowsObjectDisposed()
    {
        var store = SqliteDocumentStore.Open(Options);
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.CreateAsync(TenantA, Container, "late", "p1", "{}"));
    }

    [Fact]
    public async Task Write_WithAlreadyCancelledToken_IsNotStored()
    {
        var store = await OpenAsync();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => store.CreateAsync(TenantA, Container, "c1", "p1", "{}", cancellation.Token));
        Assert.Null(await store.GetAsync(TenantA, Container, "c1"));
    }

    [Fact]
    public async Task AddSqliteDocumentStore_RegistersOneInstanceAsStoreAndFeed()
    {
        var services = new ServiceCollection().AddSqliteDocumentStore(Options);
        var provider = new SingletonProvider(services);

        var store = provider.GetService(typeof(IDocumentStore));
        var feed = provider.GetService(typeof(IChangeFeed));

        Assert.IsType<SqliteDocumentStore>(store);
        Assert.Same(store, feed);
        await ((SqliteDocumentStore)store).DisposeAsync();
    }

    /// <summary>
    /// Just enough container to run the registration's singleton factories (the test project has only the
    /// DI abstractions, not the container).
    /// </summary>
    private sealed class SingletonProvider(IServiceCollection services) : IServiceProvider
    {
        private readonly Dictionary<Type, object> _instances = [];

        public object? GetService(Type serviceType)
        {
            if (_instances.TryGetValue(serviceType, out var existing))
            {
                return existing;
            }

            var descriptor = services.LastOrDefault(d => d.ServiceType == serviceType);
            if (descriptor?.ImplementationFactory is not { } factory)
            {
                return null;
            }

            var instance = factory(this);
            _instances[serviceType] = instance;
            return instance;
        }
    }
}
