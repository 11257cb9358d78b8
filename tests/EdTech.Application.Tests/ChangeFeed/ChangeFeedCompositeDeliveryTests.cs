using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Application.Telemetry;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using EdTech.Testing;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Tests.ChangeFeed;

/// <summary>
/// A composite consumer through <see cref="ChangeFeedDelivery"/>: one delivery, its parts in order, each under the retry and
/// poison policy of its own, so one part's poisoned change or persistent failure does not hold the others back.
/// </summary>
public sealed class ChangeFeedCompositeDeliveryTests : IAsyncLifetime
{
    private const string Watched = "submissions";
    private const string Other = "usage-events";
    private static readonly TenantId Tenant = new("school1");
    private static readonly ChangeFeedRetryOptions Options = new(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), 2);

    private readonly TempSqliteStore _temp = new("edt-composite");
    private readonly RecordingLogger<ChangeFeedDelivery> _log = new();
    private readonly PauseRecordingClock _clock = new(new DateTimeOffset(2026, 5, 4, 10, 30, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<string> _calls = new();
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
    public async Task Deliver_Composite_RunsEachPartOnceInOrder_WithOnlyItsContainersChanges()
    {
        var changes = await WriteAsync((Watched, "a"), (Other, "e"), (Watched, "b"));
        var composite = new Composite("fan-in-order", Part("first"), Part("second"), Part("events", container: Other));

        await Delivery().DeliverAsync(composite, changes, CancellationToken.None);

        Assert.Equal(["first:a,b", "second:a,b", "events:e"], _calls);
        Assert.Empty(_clock.Pauses);
    }

    [Fact]
    public async Task Deliver_PartPoisoningAChange_TheOtherPartsStillHandleIt_AndThePoisonNamesThePart()
    {
        var changes = await WriteAsync((Watched, "a"), (Watched, "b"), (Watched, "c"));
        var composite = new Composite("fan-in-poison", Part("before"), Part("failing", fails: ids => ids.Contains("b") ? new InvalidOperationException("boom") : null), Part("after"));

        await Delivery().DeliverAsync(composite, changes, CancellationToken.None);

        Assert.Equal(["before:a,b,c", "failing:a,b,c", "failing:a,b,c", "failing:a,b,c", "failing:a", "failing:b", "failing:b", "failing:b", "failing:c", "after:a,b,c"], _calls);
        var poison = Assert.Single(await PoisonAsync("failing"));
        Assert.Equal(("b", 3), (poison.DocumentId, poison.Attempts));
        Assert.Empty(await PoisonAsync("fan-in-poison"));
    }

    [Fact]
    public async Task Deliver_PartFailingTransientlyEveryTime_LaterPartsStillRun_ThenTheBatchIsRedeliveredToEveryPart()
    {
        var changes = await WriteAsync((Watched, "a"));
        var throttled = true;
        var composite = new Composite("fan-in-transient", Part("first", fails: _ => throttled ? new TimeoutException("429") : null), Part("second"));

        await Assert.ThrowsAsync<TimeoutException>(() => Delivery().DeliverAsync(composite, changes, CancellationToken.None));
        throttled = false;
        await Delivery().DeliverAsync(composite, changes, CancellationToken.None);

        Assert.Equal(["first:a", "first:a", "second:a", "first:a", "second:a"], _calls);
        var warning = Assert.Single(_log.At(LogLevel.Warning), f => f.ContainsKey("Part"));
        Assert.Equal(("first", "fan-in-transient", 1), ((string)warning["Part"]!, (string)warning["Handler"]!, (int)warning["Count"]!));
        Assert.Empty(await PoisonAsync("first"));
    }

    [Fact]
    public async Task Deliver_Composite_CountsItsChangesOnceUnderItsName_AndTracesEachPartUnderThePartsName()
    {
        var changes = await WriteAsync((Watched, "a"), (Watched, "b"));
        var composite = new Composite("fan-in-count", Part("count-part-1"), Part("count-part-2"));
        var counted = new ConcurrentQueue<(string Handler, long Changes)>();
        var spans = new ConcurrentQueue<string>();
        using var meter = new MeterListener();
        meter.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument == EdTechTelemetry.ChangeFeedChanges)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meter.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var handler = tags.ToArray().FirstOrDefault(t => t.Key == ChangeFeedSpans.HandlerTag).Value as string ?? string.Empty;
            if (handler.StartsWith("fan-in-count", StringComparison.Ordinal) || handler.StartsWith("count-part", StringComparison.Ordinal))
            {
                counted.Enqueue((handler, value));
            }
        });
        meter.Start();
        using var tracing = new ActivityListener
        {
            ShouldListenTo = source => source == EdTechTelemetry.Source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.DisplayName.Contains("fan-in-count", StringComparison.Ordinal) || activity.DisplayName.Contains("count-part", StringComparison.Ordinal))
                {
                    spans.Enqueue(activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(tracing);

        await Delivery().DeliverAsync(composite, changes, CancellationToken.None);

        Assert.Equal([("fan-in-count", 2L)], counted);
        Assert.Equal(["changefeed count-part-1", "changefeed count-part-2", "changefeed fan-in-count"], spans.Order(StringComparer.Ordinal));
    }

    private ChangeFeedDelivery Delivery() => new(_store, Options, [new CommonTransientFailures()], _clock, _log);

    private ScriptedPart Part(string name, Func<IReadOnlyList<string>, Exception?>? fails = null, string container = Watched) => new(name, container, fails ?? (_ => null), _calls);

    private async Task<List<StoredDocument>> WriteAsync(params (string Container, string Id)[] documents)
    {
        var written = new List<StoredDocument>();
        foreach (var (container, id) in documents)
        {
            await _store.CreateAsync(Tenant, container, id, "p", $$"""{"id":"{{id}}","userId":"s1"}""");
            written.Add((await _store.GetAsync(Tenant, container, id))!);
        }

        return written;
    }

    private async Task<IReadOnlyList<ChangeFeedPoisonRecord>> PoisonAsync(string handler) =>
        (await _store.QueryAsync<ChangeFeedPoisonRecord>(Tenant, DocumentQuery.InPartition(handler))).Select(v => v.Value).ToList();

    /// <summary>Records "{name}:{ids}" for each call; fails a call when <c>fails(ids)</c> returns an exception.</summary>
    private sealed class ScriptedPart(string name, string container, Func<IReadOnlyList<string>, Exception?> fails, ConcurrentQueue<string> calls) : IChangeFeedHandler
    {
        public string Name => name;

        public ChangeFeedUrgency Urgency => ChangeFeedUrgency.Deferrable;

        public IReadOnlySet<string> Containers { get; } = new HashSet<string> { container };

        public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
        {
            var ids = changes.Select(c => c.Id).ToList();
            calls.Enqueue($"{name}:{string.Join(',', ids)}");
            return fails(ids) is { } error ? Task.FromException(error) : Task.CompletedTask;
        }
    }

    private sealed class Composite(string name, params IChangeFeedHandler[] parts) : IChangeFeedComposite
    {
        public string Name => name;

        public ChangeFeedUrgency Urgency => ChangeFeedUrgency.Deferrable;

        public IReadOnlySet<string> Containers { get; } = new HashSet<string>(parts.SelectMany(p => p.Containers));

        public IReadOnlyList<IChangeFeedHandler> Parts => parts;

        public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken) => ChangeFeedComposite.HandleInOrderAsync(this, changes, cancellationToken);
    }
}
