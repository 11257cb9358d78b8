using System.Collections.Concurrent;
using System.Text.Json;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Common;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Tests.ChangeFeed;

/// <summary>
/// The retry, poison and erasure rules of <see cref="ChangeFeedDelivery"/> on the real SQLite store: how often a handler is
/// called with what, which pauses are taken (a clock that records them), what is written to poison and what is logged.
/// </summary>
public sealed class ChangeFeedDeliveryPolicyTests : IAsyncLifetime
{
    private const string Watched = "submissions";
    private static readonly TenantId Tenant = new("school1");
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 10, 30, 0, TimeSpan.Zero);
    private static readonly ChangeFeedRetryOptions Options = new(5, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), 4);

    private readonly TempSqliteStore _temp = new("edt-policy");
    private readonly RecordingLogger<ChangeFeedDelivery> _log = new();
    private readonly PauseRecordingClock _clock = new(Now);
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
    public void PoisonEvent_IsTheAlertsEventId()
    {
        Assert.Equal((4601, "ChangeFeedPoison"), (ChangeFeedDelivery.PoisonEvent.Id, ChangeFeedDelivery.PoisonEvent.Name));
    }

    [Fact]
    public async Task Deliver_NoChanges_CallsNoHandler()
    {
        var handler = new Scripted((_, _) => null);

        await Delivery().DeliverAsync(handler, [], CancellationToken.None);

        Assert.Empty(handler.Calls);
    }

    [Fact]
    public async Task Deliver_NullHandlerOrChanges_Throws()
    {
        var changes = await WriteAsync("a");

        Assert.Equal("handler", (await Assert.ThrowsAsync<ArgumentNullException>(() => Delivery().DeliverAsync(null!, changes, CancellationToken.None))).ParamName);
        Assert.Equal("changes", (await Assert.ThrowsAsync<ArgumentNullException>(() => Delivery().DeliverAsync(new Scripted((_, _) => null), null!, CancellationToken.None))).ParamName);
    }

    [Fact]
    public async Task Deliver_BatchHandled_OneCallWithTheWholeBatch_NoPauseNoLog()
    {
        var changes = await WriteAsync("a", "b");
        var handler = new Scripted((_, _) => null);

        await Delivery().DeliverAsync(handler, changes, CancellationToken.None);

        Assert.Equal(["a,b"], handler.Calls);
        Assert.Empty(_clock.Pauses);
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task Deliver_FailsTwiceThenSucceeds_PausesWithEachFailedAttemptsBackoff_AndLogsEachRetry()
    {
        var changes = await WriteAsync("a");
        var handler = new Scripted((_, call) => call <= 2 ? new InvalidOperationException("boom") : null);

        await Delivery().DeliverAsync(handler, changes, CancellationToken.None);

        Assert.Equal(["a", "a", "a"], handler.Calls);
        Assert.Equal([Options.Backoff(1), Options.Backoff(2)], _clock.Pauses);
        Assert.Equal([TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)], _clock.Pauses);
        Assert.Empty(await PoisonAsync());
        var retries = _log.At(LogLevel.Warning);
        Assert.Equal([(1, 5), (2, 5)], retries.Select(f => ((int)f["Attempt"]!, (int)f["MaxAttempts"]!)));
        Assert.All(retries, f => Assert.Equal("scripted", f["Handler"]));
        Assert.DoesNotContain(_log.Entries, e => e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task Deliver_ChangeFailingEveryAttempt_IsTriedMaxAttemptsTimes_ThenPoisonedAtTheClocksTime_WithAnAlert()
    {
        var changes = await WriteAsync("a");
        var handler = new Scripted((_, _) => new InvalidOperationException("boom"));

        await Delivery().DeliverAsync(handler, changes, CancellationToken.None);

        Assert.Equal(5, handler.Calls.Count);
        Assert.Equal([.. Enumerable.Range(1, 4).Select(Options.Backoff)], _clock.Pauses); // no pause after the last attempt
        var poison = Assert.Single(await PoisonAsync());
        Assert.Equal(ChangeFeedPoisonRecord.IdFor("scripted", Watched, "a", changes[0].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)), poison.Id);
        Assert.Equal((ChangeFeedPoisonRecord.HandlerFailed, 5, Now, "s1"), (poison.Reason, poison.Attempts, poison.PoisonedAt, poison.UserId));
        Assert.Equal("System.InvalidOperationException: boom", poison.Error);
        var alert = Assert.Single(_log.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal(ChangeFeedDelivery.PoisonEvent, alert.Event);
        Assert.IsType<InvalidOperationException>(alert.Error);
        Assert.Equal(("scripted", Watched, "a", "school1", 5, "handler-failed", poison.Id),
            ((string)alert.Fields["Handler"]!, (string)alert.Fields["SourceContainer"]!, (string)alert.Fields["DocumentId"]!, (string)alert.Fields["TenantId"]!,
             (int)alert.Fields["Attempts"]!, (string)alert.Fields["Reason"]!, (string)alert.Fields["PoisonId"]!));
    }

    [Fact]
    public async Task Deliver_BatchFailingEveryAttempt_IsHandedOverOneChangeAtATimeInOrder_OnlyTheFailingOneIsPoisoned()
    {
        var changes = await WriteAsync("a", "b", "c");
        var handler = new Scripted((ids, _) => ids.Contains("b", StringComparer.Ordinal) ? new InvalidOperationException("boom") : null);

        await Delivery().DeliverAsync(handler, changes, CancellationToken.None);

        Assert.Equal([.. Enumerable.Repeat("a,b,c", 5), "a", .. Enumerable.Repeat("b", 5), "c"], handler.Calls);
        Assert.Equal("b", Assert.Single(await PoisonAsync()).DocumentId);
        var handOver = Assert.Single(_log.At(LogLevel.Warning), f => f.ContainsKey("Count"));
        Assert.Equal(("scripted", 3, 5), ((string)handOver["Handler"]!, (int)handOver["Count"]!, (int)handOver["Attempts"]!));
    }

    [Fact]
    public async Task Deliver_UnreadableDocument_IsNotRetried_PoisonedAsMalformedWithItsText()
    {
        var changes = await WriteAsync("a");
        var handler = new Scripted((_, _) => new JsonException("not a submission"));

        await Delivery().DeliverAsync(handler, changes, CancellationToken.None);

        Assert.Single(handler.Calls);
        Assert.Empty(_clock.Pauses);
        var poison = Assert.Single(await PoisonAsync());
        Assert.Equal((ChangeFeedPoisonRecord.Malformed, 1), (poison.Reason, poison.Attempts));
        Assert.Equal(changes[0].Json, poison.RawItem);
        Assert.Equal("malformed", (string)Assert.Single(_log.At(LogLevel.Error))["Reason"]!);
    }

    [Fact]
    public async Task Deliver_TransientFailures_AreRetriedInPlace_AndDoNotCountTowardsPoison()
    {
        var changes = await WriteAsync("a");
        var handler = new Scripted((_, call) => call <= 3 ? new TimeoutException("slow") : new InvalidOperationException("boom"));

        await Delivery().DeliverAsync(handler, changes, CancellationToken.None);

        Assert.Equal(3 + 5, handler.Calls.Count);
        Assert.Equal([.. Enumerable.Range(1, 3).Select(Options.Backoff), .. Enumerable.Range(1, 4).Select(Options.Backoff)], _clock.Pauses);
        Assert.Equal(5, Assert.Single(await PoisonAsync()).Attempts);
        var transientRetries = _log.At(LogLevel.Information);
        Assert.Equal(3, transientRetries.Count);
        Assert.All(transientRetries, f => Assert.Equal(("scripted", "TimeoutException"), ((string)f["Handler"]!, (string)f["Error"]!)));
    }

    [Fact]
    public async Task Deliver_TransientFailureThatPersists_IsRethrownAfterMaxTransientAttempts_WithoutPoison()
    {
        var changes = await WriteAsync("a", "b");
        var handler = new Scripted((_, _) => new TimeoutException("slow"));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => Delivery().DeliverAsync(handler, changes, CancellationToken.None));

        Assert.Equal("slow", error.Message);
        Assert.Equal(["a,b", "a,b", "a,b", "a,b"], handler.Calls);
        Assert.Equal([.. Enumerable.Range(1, 3).Select(Options.Backoff)], _clock.Pauses);
        Assert.Empty(await PoisonAsync());
        var giveUp = Assert.Single(_log.At(LogLevel.Warning));
        Assert.Equal(("scripted", 4), ((string)giveUp["Handler"]!, (int)giveUp["Count"]!));
    }

    [Fact]
    public async Task Deliver_TransientFailureWrappedInAnother_IsTransient_AtAnyDepth()
    {
        var changes = await WriteAsync("a");
        var handler = new Scripted((_, call) => call switch
        {
            1 => new InvalidOperationException("wrapped", new HttpRequestException("reset")),
            2 => new AggregateException(new InvalidOperationException("twice", new TimeoutException("slow"))),
            _ => null,
        });

        await Delivery().DeliverAsync(handler, changes, CancellationToken.None);

        Assert.Equal(3, handler.Calls.Count);
        Assert.Equal([Options.Backoff(1), Options.Backoff(2)], _clock.Pauses); // counted as transient 1 and 2
        Assert.Equal(2, _log.At(LogLevel.Information).Count);
        Assert.Empty(_log.At(LogLevel.Warning));
    }

    [Fact]
    public async Task Deliver_WrappedFailureThatIsNotTransient_CountsTowardsPoison()
    {
        var changes = await WriteAsync("a");
        var handler = new Scripted((_, _) => new InvalidOperationException("wrapped", new ArgumentException("bad")));

        await Delivery().DeliverAsync(handler, changes, CancellationToken.None);

        Assert.Equal(5, handler.Calls.Count);
        Assert.Single(await PoisonAsync());
    }

    [Fact]
    public async Task Deliver_AdapterRuleSaysTransient_IsRetriedInPlace_EvenWhenTheCommonRulesSayNo()
    {
        var changes = await WriteAsync("a");
        var handler = new Scripted((_, call) => call == 1 ? new InvalidOperationException("throttled") : null);
        var delivery = new ChangeFeedDelivery(_store, Options, [new CommonTransientFailures(), new MessageIs("throttled")], _clock, _log);

        await delivery.DeliverAsync(handler, changes, CancellationToken.None);

        Assert.Equal(2, handler.Calls.Count);
        Assert.Single(_log.At(LogLevel.Information));
        Assert.Empty(_log.At(LogLevel.Warning));
    }

    [Fact]
    public async Task Deliver_HandlerCancelledWhileTheHostRuns_IsAFailure_RetriedThenPoisoned()
    {
        // A cancellation the host did not ask for (a client's own timeout) is the handler failing, not the host stopping.
        var changes = await WriteAsync("a");
        var handler = new Scripted((_, _) => new TaskCanceledException("client timeout"));

        await Delivery().DeliverAsync(handler, changes, CancellationToken.None);

        Assert.Equal(5, handler.Calls.Count);
        Assert.Single(await PoisonAsync());
    }

    [Fact]
    public async Task Deliver_HostStops_RethrowsAtOnce_WithoutRetryOrPoison()
    {
        var changes = await WriteAsync("a");
        using var stopping = new CancellationTokenSource();
        var handler = new Scripted((_, _) =>
        {
            stopping.Cancel();
            return new OperationCanceledException(stopping.Token);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Delivery().DeliverAsync(handler, changes, stopping.Token));

        Assert.Single(handler.Calls);
        Assert.Empty(await PoisonAsync());
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task Deliver_ChangeOfAnErasedStudent_IsDroppedAtOnce_NeitherRetriedNorPoisoned()
    {
        var changes = await WriteAsync("a");
        var handler = new Scripted((_, _) => new SubjectErasedException(Containers.SubmissionViews));

        await Delivery().DeliverAsync(handler, changes, CancellationToken.None);

        Assert.Single(handler.Calls);
        Assert.Empty(_clock.Pauses);
        Assert.Empty(await PoisonAsync());
        var dropped = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Information, dropped.Level);
        Assert.Equal(("scripted", Watched, "a", "school1"),
            ((string)dropped.Fields["Handler"]!, (string)dropped.Fields["SourceContainer"]!, (string)dropped.Fields["DocumentId"]!, (string)dropped.Fields["TenantId"]!));
    }

    [Fact]
    public async Task Deliver_BatchWithAnErasedStudentsChange_DropsOnlyThatChange_AndPoisonsOnlyTheFailingOne()
    {
        var changes = await WriteAsync("a", "erased", "bad", "d");
        var handler = new Scripted((ids, _) =>
            ids.Contains("erased", StringComparer.Ordinal) ? new SubjectErasedException(Containers.SubmissionViews)
            : ids.Contains("bad", StringComparer.Ordinal) ? new InvalidOperationException("boom")
            : null);

        await Delivery().DeliverAsync(handler, changes, CancellationToken.None);

        // The erasure is final: the batch is not retried, it is handed over one change at a time at once.
        Assert.Equal(["a,erased,bad,d", "a", "erased", .. Enumerable.Repeat("bad", 5), "d"], handler.Calls);
        Assert.Equal("bad", Assert.Single(await PoisonAsync()).DocumentId);
        var handOver = Assert.Single(_log.At(LogLevel.Warning), f => f.ContainsKey("Count"));
        Assert.Equal((4, 1), ((int)handOver["Count"]!, (int)handOver["Attempts"]!));
        Assert.Contains(_log.At(LogLevel.Information), f => (string?)f["DocumentId"] == "erased");
    }

    [Fact]
    public async Task Deliver_StudentErasedBeforeThePoisonRecordIsWritten_DropsTheChange_KeepingNoRecordOfThem()
    {
        var guarded = new ErasureGuardedStore(_store);
        var changes = await WriteAsync("a");
        await new ErasureMarkers(_store).MarkAsync(Tenant, "s1", new Caller(Tenant, "admin1", new HashSet<string> { "tenant-admin" }), Now, CancellationToken.None);
        var handler = new Scripted((_, _) => new InvalidOperationException("boom"));
        var delivery = new ChangeFeedDelivery(guarded, Options, [new CommonTransientFailures()], _clock, _log);

        await delivery.DeliverAsync(handler, changes, CancellationToken.None);

        Assert.Equal(5, handler.Calls.Count);
        Assert.Empty(await PoisonAsync());
        Assert.DoesNotContain(_log.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal("a", (string)Assert.Single(_log.At(LogLevel.Information))["DocumentId"]!);
    }

    [Fact]
    public async Task PoisonMalformed_ItemOfAKnownTenant_IsRecordedInThatTenant_WithAnAlert()
    {
        await Delivery().PoisonMalformedAsync("scripted", Watched, "school1", "doc-9", "{not json", new JsonException("bad"), CancellationToken.None);

        var poison = Assert.Single(await PoisonAsync());
        Assert.Equal(("doc-9", ChangeFeedPoisonRecord.Malformed, "{not json", Now), (poison.DocumentId, poison.Reason, poison.RawItem, poison.PoisonedAt));
        var alert = Assert.Single(_log.Entries);
        Assert.Equal((LogLevel.Error, ChangeFeedDelivery.PoisonEvent), (alert.Level, alert.Event));
        Assert.Equal(("school1", "doc-9"), ((string)alert.Fields["TenantId"]!, (string)alert.Fields["DocumentId"]!));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Not A Tenant")]
    public async Task PoisonMalformed_ItemWithoutAValidTenant_IsRecordedUnderThePlatform(string? tenant)
    {
        await Delivery().PoisonMalformedAsync("scripted", Watched, tenant, null, "garbage", new JsonException("bad"), CancellationToken.None);

        Assert.Empty(await PoisonAsync());
        var poison = Assert.Single(await PoisonAsync(TenantId.Platform));
        Assert.Equal("garbage", poison.RawItem);
        Assert.Equal("platform", (string)Assert.Single(_log.Entries).Fields["TenantId"]!);
    }

    private ChangeFeedDelivery Delivery() => new(_store, Options, [new CommonTransientFailures()], _clock, _log);

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

    private async Task<IReadOnlyList<ChangeFeedPoisonRecord>> PoisonAsync(TenantId? tenant = null) =>
        (await _store.QueryAsync<ChangeFeedPoisonRecord>(tenant ?? Tenant, DocumentQuery.InPartition("scripted"))).Select(v => v.Value).ToList();

    /// <summary>Fails a call while <c>fail(ids, call)</c> returns an exception (call numbers from 1); records each call's ids.</summary>
    private sealed class Scripted(Func<IReadOnlyList<string>, int, Exception?> fail) : IChangeFeedHandler
    {
        private int _call;

        public ConcurrentQueue<string> Calls { get; } = new();

        public string Name => "scripted";

        public ChangeFeedUrgency Urgency => ChangeFeedUrgency.Immediate;

        public IReadOnlySet<string> Containers { get; } = new HashSet<string> { Watched };

        public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
        {
            var ids = changes.Select(c => c.Id).ToList();
            Calls.Enqueue(string.Join(',', ids));
            return fail(ids, Interlocked.Increment(ref _call)) is { } error ? Task.FromException(error) : Task.CompletedTask;
        }
    }

    private sealed class MessageIs(string message) : ITransientFailures
    {
        public bool IsTransient(Exception exception) => exception.Message == message;
    }
}
