using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Cosmos;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace EdTech.Infrastructure.Tests.ChangeFeed;

/// <summary>The retry and poison policy both hosts' change-feed consumers share, on the real SQLite store.</summary>
public sealed class ChangeFeedDeliveryTests : IAsyncLifetime
{
    private const string Watched = "watched";
    private static readonly TenantId Tenant = new("school1");
    private static readonly ChangeFeedRetryOptions Fast = new(5, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(4), 4);

    private readonly TempSqliteStore _temp = new("edt-deliver");
    private readonly RecordingLogger<ChangeFeedDelivery> _log = new();
    private SqliteDocumentStore _store = null!;

    public Task InitializeAsync()
    {
        _store = _temp.Store;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _temp.DisposeAsync();
    }

    [Fact]
    public async Task Deliver_ChangeFailingEveryAttempt_WritesPoisonAndAnErrorLog_AndTheNextChangeIsHandled()
    {
        var changes = await WriteAsync("a", "bad", "c");
        var handler = new ScriptedHandler(id => id == "bad" ? new InvalidOperationException("boom") : null);

        await Delivery().DeliverAsync(handler, changes, CancellationToken.None);

        Assert.Equal(["a", "c"], handler.Handled.Order());
        Assert.Equal(2 * Fast.MaxAttempts, handler.AttemptsOn("bad")); // the batch's attempts, then its own alone
        var poison = await PoisonAsync("bad", changes[1].Sequence);
        Assert.Equal(ChangeFeedPoisonRecord.HandlerFailed, poison.Reason);
        Assert.Equal(Fast.MaxAttempts, poison.Attempts);
        Assert.Equal((Watched, "bad", changes[1].ETag), (poison.SourceContainer, poison.DocumentId, poison.ETag));
        Assert.Equal("s1", poison.UserId);
        Assert.Null(poison.RawItem);
        Assert.Contains("boom", poison.Error, StringComparison.Ordinal);
        var alert = Assert.Single(_log.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal(ChangeFeedDelivery.PoisonEvent, alert.Event);
        Assert.Equal(("recorder", "bad", "school1", poison.Id), ((string?)alert.Fields["Handler"], (string?)alert.Fields["DocumentId"], (string?)alert.Fields["TenantId"], (string?)alert.Fields["PoisonId"]));
    }

    [Fact]
    public async Task Deliver_CountsOneBatchPerHandlerInvocation_ByHandler()
    {
        var changes = await WriteAsync("a", "b", "c");
        var handler = new ScriptedHandler(_ => null, name: "batch-counted");
        var failOnce = 1;
        var retried = new ScriptedHandler(_ => failOnce-- > 0 ? new InvalidOperationException("once") : null, name: "batch-retried");
        using var batches = new Telemetry.ScopedMeasurements(Application.Telemetry.EdTechTelemetry.Name, "edtech.changefeed.batches");

        await Delivery().DeliverAsync(handler, changes, CancellationToken.None);
        await Delivery().DeliverAsync(handler, [], CancellationToken.None); // nothing to hand over: no invocation
        await Delivery().DeliverAsync(retried, changes, CancellationToken.None);

        const string HandlerTag = Application.Telemetry.ChangeFeedSpans.HandlerTag;
        Assert.Equal(1, batches.Sum((HandlerTag, "batch-counted")));
        Assert.Equal(2, batches.Sum((HandlerTag, "batch-retried"))); // the failed invocation and its retry
        Assert.Equal(3, batches.Sum());
    }

    [Fact]
    public async Task Deliver_TransientFailureThenSuccess_HandlesOnce_WithoutPoison()
    {
        var changes = await WriteAsync("a");
        var failures = 2;
        var handler = new ScriptedHandler(_ => failures-- > 0 ? new TimeoutException("slow") : null);

        await Delivery().DeliverAsync(handler, changes, CancellationToken.None);

        Assert.Equal(["a"], handler.Handled);
        Assert.Empty(await AllPoisonAsync());
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Deliver_CosmosThrottlingThatPersists_IsRethrownForRedelivery_AndNeverPoisoned()
    {
        var changes = await WriteAsync("a");
        var handler = new ScriptedHandler(_ => new CosmosException("throttled", HttpStatusCode.TooManyRequests, 3200, "activity", 1));

        await Assert.ThrowsAsync<CosmosException>(() => Delivery(new CosmosTransientFailures()).DeliverAsync(handler, changes, CancellationToken.None));

        Assert.Equal(Fast.MaxTransientAttempts, handler.AttemptsOn("a"));
        Assert.Empty(await AllPoisonAsync());
    }

    [Fact]
    public async Task Deliver_CosmosThrottlingWithoutTheCosmosRules_IsNotTreatedAsTransient()
    {
        // Guards the test above: the adapter's rules are what keep a 429 out of poison.
        var changes = await WriteAsync("a");
        var handler = new ScriptedHandler(_ => new CosmosException("throttled", HttpStatusCode.TooManyRequests, 3200, "activity", 1));

        await Delivery().DeliverAsync(handler, changes, CancellationToken.None);

        Assert.Single(await AllPoisonAsync());
    }

    [Fact]
    public async Task Deliver_DocumentTheHandlerCannotRead_IsPoisonedAsMalformedAtOnce()
    {
        var changes = await WriteAsync("a", "b");
        var handler = new ScriptedHandler(id => id == "b" ? new JsonException("not a submission") : null);

        await Delivery().DeliverAsync(handler, changes, CancellationToken.None);

        Assert.Equal(["a"], handler.Handled);
        Assert.Equal(2, handler.AttemptsOn("b")); // once in the batch, once alone: malformed is not retried
        var poison = await PoisonAsync("b", changes[1].Sequence);
        Assert.Equal(ChangeFeedPoisonRecord.Malformed, poison.Reason);
        Assert.Contains("\"userId\":\"s1\"", poison.RawItem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatcher_ItemNotInTheStoreShape_GoesToPoisonVisibly_AndTheOthersAreHandled()
    {
        var handler = new ScriptedHandler(_ => null);
        var dispatcher = new CosmosChangeDispatcher([handler], Delivery());
        var good = JsonDocument.Parse("""{"id":"a","tenantId":"school1","partitionKey":"p","seq":1,"updatedAt":1000,"doc":{"userId":"s1"},"_etag":"\"e\""}""").RootElement;
        var wrongType = JsonDocument.Parse("""{"id":"b","tenantId":"school1","partitionKey":"p","seq":"two","updatedAt":1000,"doc":{},"_etag":"\"e\""}""").RootElement;
        var foreign = JsonDocument.Parse("""{"id":"c","tenantId":"school1","name":"no doc"}""").RootElement;

        await dispatcher.DispatchAsync("recorder", Watched, [good, wrongType, foreign], CancellationToken.None);

        Assert.Equal(["a"], handler.Handled);
        var poisoned = await AllPoisonAsync();
        Assert.Equal(["b", "c"], poisoned.Select(p => p.DocumentId).Order());
        Assert.All(poisoned, p => Assert.Equal(ChangeFeedPoisonRecord.Malformed, p.Reason));
        Assert.Contains("\"name\":\"no doc\"", poisoned.Single(p => p.DocumentId == "c").RawItem, StringComparison.Ordinal);
        Assert.Equal(2, _log.Entries.Count(e => e.Event == ChangeFeedDelivery.PoisonEvent));
    }

    [Fact]
    public async Task Dispatcher_HandsStoreItemsInSequenceOrderToTheNamedHandlerOnly()
    {
        var handler = new ScriptedHandler(_ => null);
        var other = new ScriptedHandler(_ => null, "other");
        var dispatcher = new CosmosChangeDispatcher([handler, other], Delivery());

        await dispatcher.DispatchAsync("recorder", Watched, [Item("b", 20), Item("a", 10)], CancellationToken.None);

        Assert.Equal(["a", "b"], handler.Handled);
        Assert.Empty(other.Handled);
        Assert.Empty(await AllPoisonAsync());
    }

    [Fact]
    public async Task Dispatcher_SkipsContainersTheHandlerDoesNotWant_AndRefusesUnknownHandlers()
    {
        var handler = new ScriptedHandler(_ => null);
        var dispatcher = new CosmosChangeDispatcher([handler], Delivery());

        await dispatcher.DispatchAsync("recorder", "courses", [Item("a", 1)], CancellationToken.None);

        Assert.Empty(handler.Handled);
        await Assert.ThrowsAsync<InvalidOperationException>(() => dispatcher.DispatchAsync("nobody", Watched, [Item("a", 1)], CancellationToken.None));
    }

    [Fact]
    public async Task Deliver_PoisonRecordCannotBeWritten_Throws_SoTheCallerDoesNotCheckpointAndTheChangeComesAgain()
    {
        var changes = await WriteAsync("bad");
        var handler = new ScriptedHandler(_ => new InvalidOperationException("boom"));
        var delivery = new ChangeFeedDelivery(new PoisonWritesFail(_store), Fast, [new CommonTransientFailures()], TimeProvider.System, _log);

        await Assert.ThrowsAsync<IOException>(() => delivery.DeliverAsync(handler, changes, CancellationToken.None));

        Assert.Empty(handler.Handled);
        Assert.Empty(await AllPoisonAsync());
    }

    [Fact]
    public async Task Deliver_HostStopsWhileTheHandlerRuns_Throws_WithoutPoisonOrRetry()
    {
        var changes = await WriteAsync("a", "b");
        using var stopping = new CancellationTokenSource();
        var handler = new ScriptedHandler(_ =>
        {
            stopping.Cancel();
            return new OperationCanceledException(stopping.Token);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Delivery().DeliverAsync(handler, changes, stopping.Token));

        Assert.Equal(1, handler.AttemptsOn("a"));
        Assert.Empty(handler.Handled);
        Assert.Empty(await AllPoisonAsync());
    }

    [Fact]
    public async Task Dispatcher_TransientFailureThatPersists_Throws_SoTheProcessorKeepsItsLeaseAndRedelivers()
    {
        // The Cosmos change-feed processor and the Functions trigger checkpoint when the delegate returns: it must not return.
        var handler = new ScriptedHandler(_ => new CosmosException("throttled", HttpStatusCode.TooManyRequests, 3200, "activity", 1));
        var dispatcher = new CosmosChangeDispatcher([handler], Delivery(new CosmosTransientFailures()));

        await Assert.ThrowsAsync<CosmosException>(() => dispatcher.DispatchAsync("recorder", Watched, [Item("a", 1), Item("b", 2)], CancellationToken.None));

        Assert.Empty(handler.Handled);
        Assert.Empty(await AllPoisonAsync());
    }

    [Fact]
    public void Backoff_DoublesFromTheBaseDelay_UpToTheCeiling()
    {
        var options = ChangeFeedRetryOptions.Default;

        Assert.Equal([1, 2, 4, 8, 16, 30, 30], Enumerable.Range(1, 7).Select(a => options.Backoff(a).TotalSeconds));
    }

    private static JsonElement Item(string id, long sequence) => JsonDocument.Parse(
        $$"""{"id":"{{id}}","tenantId":"school1","partitionKey":"course-1","seq":{{sequence}},"updatedAt":1000,"doc":{"status":"submitted"},"_etag":"\"e-{{id}}\"","_lsn":7}""").RootElement;

    private ChangeFeedDelivery Delivery(params ITransientFailures[] extra) =>
        new(_store, Fast, [new CommonTransientFailures(), .. extra], TimeProvider.System, _log);

    private async Task<List<StoredDocument>> WriteAsync(params string[] ids)
    {
        var written = new List<StoredDocument>();
        foreach (var id in ids)
        {
            await _store.CreateAsync(Tenant, Watched, id, "p", $$"""{"id":"{{id}}","userId":"s1"}""");
            written.Add((await _store.GetAsync(Tenant, Watched, id))!);
        }

        return written;
    }

    private async Task<ChangeFeedPoisonRecord> PoisonAsync(string id, long sequence)
    {
        var stored = await _store.GetAsync<ChangeFeedPoisonRecord>(Tenant, ChangeFeedPoisonRecord.IdFor("recorder", Watched, id, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotNull(stored);
        return stored.Value;
    }

    private async Task<IReadOnlyList<ChangeFeedPoisonRecord>> AllPoisonAsync() =>
        (await _store.QueryAsync<ChangeFeedPoisonRecord>(Tenant, DocumentQuery.InPartition("recorder"))).Select(v => v.Value).ToList();

    /// <summary>Fails a change while <c>fail(id)</c> returns an exception; records what it handled and how often each id was tried.</summary>
    private sealed class ScriptedHandler(Func<string, Exception?> fail, string name = "recorder") : IChangeFeedHandler
    {
        private readonly ConcurrentDictionary<string, int> _attempts = new();

        public ConcurrentQueue<string> Handled { get; } = new();

        public string Name => name;

        public ChangeFeedUrgency Urgency => ChangeFeedUrgency.Immediate;

        public IReadOnlySet<string> Containers { get; } = new HashSet<string> { Watched };

        public int AttemptsOn(string id) => _attempts.GetValueOrDefault(id);

        public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
        {
            foreach (var change in changes)
            {
                _attempts.AddOrUpdate(change.Id, 1, (_, n) => n + 1);
                if (fail(change.Id) is { } error)
                {
                    throw error;
                }
            }

            foreach (var change in changes)
            {
                Handled.Enqueue(change.Id);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>The real store, except that a poison record cannot be written (the store is down when the handler gives up).</summary>
    private sealed class PoisonWritesFail(IDocumentStore inner) : IDocumentStore
    {
        public Task<StoredDocument?> GetAsync(TenantId tenant, string container, string id, CancellationToken cancellationToken = default) =>
            inner.GetAsync(tenant, container, id, cancellationToken);

        public Task<WriteResult> CreateAsync(TenantId tenant, string container, string id, string partition, string json, CancellationToken cancellationToken = default) =>
            inner.CreateAsync(tenant, container, id, partition, json, cancellationToken);

        public Task<WriteResult> ReplaceAsync(TenantId tenant, string container, string id, string partition, string json, string? ifMatch, CancellationToken cancellationToken = default) =>
            throw new IOException("store unavailable");

        public Task<bool> DeleteAsync(TenantId tenant, string container, string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(tenant, container, id, ifMatch, cancellationToken);

        public Task<IReadOnlyList<StoredDocument>> QueryAsync(TenantId tenant, string container, DocumentQuery query, CancellationToken cancellationToken = default) =>
            inner.QueryAsync(tenant, container, query, cancellationToken);
    }
}
