using System.Text.Json;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Storage;
using EdTech.Application.Telemetry;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.ChangeFeed;

/// <summary>
/// The one retry and poison policy of both hosts' change-feed consumers (the LocalHost pump and the Functions app's Cosmos
/// DB triggers, through CosmosChangeDispatcher), so a change that keeps failing never blocks its checkpoint or lease:
/// <list type="number">
/// <item>the batch is handed to the handler; a failure is retried with exponential backoff (<see cref="ChangeFeedRetryOptions"/>);</item>
/// <item>after <see cref="ChangeFeedRetryOptions.MaxAttempts"/> failures (at once for malformed JSON) the batch is handed over one
/// change at a time, in order, so only the change that fails is set aside: it gets the same attempts, then a
/// <see cref="ChangeFeedPoisonRecord"/> in its tenant's <c>poison</c> container and an error log with event
/// <see cref="PoisonEvent"/> (the alert), and the changes after it are handled;</item>
/// <item>a change that concerns an erased student (<see cref="SubjectErasedException"/>) is dropped with an information log: not
/// retried, not poisoned (a poison record would keep the student's data);</item>
/// <item>transient failures (<see cref="ITransientFailures"/>) never lead to poison: after
/// <see cref="ChangeFeedRetryOptions.MaxTransientAttempts"/> in-place retries they are rethrown, and the host redelivers the batch.</item>
/// </list>
/// Handlers are idempotent, so handing a change over again after a partial failure is safe.
/// A composite consumer (<see cref="IChangeFeedComposite"/>) is delivered once, under its own name (span, lag, changes
/// counted once); its parts run in order over their containers' changes, each under the policy above with its own name (its
/// span "changefeed {part}", its attempts, its poison records), so a change one part poisons or drops is still handled by the
/// others. A part whose failure escapes (a persistent transient one) does not stop the parts after it: they run, then the
/// first failure is rethrown and the host redelivers the batch to every part (docs/projection-writes.md).
/// </summary>
public sealed class ChangeFeedDelivery(
    IDocumentStore store, ChangeFeedRetryOptions options, IEnumerable<ITransientFailures> transientFailures, TimeProvider clock, ILogger<ChangeFeedDelivery> logger,
    ChangeFeedLagMonitor? lag = null)
{
    /// <summary>The structured error every poison record is logged with: alert on it (docs/azure.md).</summary>
    public static readonly EventId PoisonEvent = new(4601, "ChangeFeedPoison");

    private readonly ITransientFailures[] _transient = [.. transientFailures];

    /// <summary>Hands <paramref name="changes"/> (in feed order) to the handler; returns once each is handled or poisoned.</summary>
    public async Task DeliverAsync(IChangeFeedHandler handler, IReadOnlyList<StoredDocument> changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        var oldest = changes.Min(c => c.UpdatedAt);
        var handlerTag = new KeyValuePair<string, object?>(ChangeFeedSpans.HandlerTag, handler.Name);
        EdTechTelemetry.ChangeFeedLag.Record(Math.Max(0, (clock.GetUtcNow() - oldest).TotalSeconds), handlerTag);
        lag?.Delivering(handler.Name, oldest);
        using var span = ChangeFeedSpans.Start(handler.Name, changes, clock.GetUtcNow() - oldest);
        try
        {
            if (handler is IChangeFeedComposite composite)
            {
                await DeliverPartsAsync(composite, changes, ct).ConfigureAwait(false);
            }
            else
            {
                await DeliverCoreAsync(handler, changes, span, countHandled: true, ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            EdTechTelemetry.Fail(span, ex);
            throw;
        }
        finally
        {
            lag?.Delivered(handler.Name);
        }
    }

    /// <summary>Each part over its changes, in order; a failure that escapes a part is rethrown once every part has run.</summary>
    private async Task DeliverPartsAsync(IChangeFeedComposite composite, IReadOnlyList<StoredDocument> changes, CancellationToken ct)
    {
        Exception? first = null;
        foreach (var part in composite.Parts)
        {
            var mine = ChangeFeedComposite.For(part, changes);
            if (mine.Count == 0)
            {
                continue;
            }

            // The part's lag when it starts (the parts before it took their time): what an SLO on that part's freshness reads.
            using var span = ChangeFeedSpans.Start(part.Name, mine, clock.GetUtcNow() - mine.Min(c => c.UpdatedAt));
            try
            {
                await DeliverCoreAsync(part, mine, span, countHandled: false, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                EdTechTelemetry.Fail(span, ex);
                logger.LogWarning(ex, "Change-feed part {Part} of {Handler} failed its batch of {Count} changes; the other parts go on, then the batch is redelivered",
                    part.Name, composite.Name, mine.Count);
                first ??= ex;
            }
        }

        if (first is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }

        Count(composite, changes.Count, "handled");
    }

    /// <param name="countHandled">False for a composite's part: the composite counts its delivered changes once.</param>
    private async Task DeliverCoreAsync(IChangeFeedHandler handler, IReadOnlyList<StoredDocument> changes, System.Diagnostics.Activity? span, bool countHandled, CancellationToken ct)
    {
        var failure = await TryAsync(handler, changes, ct).ConfigureAwait(false);
        if (failure is null)
        {
            if (countHandled)
            {
                Count(handler, changes.Count, "handled");
            }

            return;
        }

        if (failure.Erased && changes.Count == 1)
        {
            LogDropped(handler.Name, changes[0]);
            Count(handler, 1, "dropped");
            return;
        }

        if (changes.Count == 1)
        {
            await PoisonAsync(handler.Name, changes[0], failure, ct).ConfigureAwait(false);
            EdTechTelemetry.Fail(span, failure.Error);
            Count(handler, 1, "poisoned");
            return;
        }

        logger.LogWarning(failure.Error, "Change-feed handler {Handler} failed a batch of {Count} changes {Attempts} times; handing them over one at a time",
            handler.Name, changes.Count, failure.Attempts);
        foreach (var change in changes)
        {
            // Plain locals, no pattern variables, here and in IsTransient: Stryker's safe mode would drop every mutant of the method.
            var single = await TryAsync(handler, [change], ct).ConfigureAwait(false);
            if (single is null)
            {
                if (countHandled)
                {
                    Count(handler, 1, "handled");
                }

                continue;
            }

            if (single.Erased)
            {
                LogDropped(handler.Name, change);
                Count(handler, 1, "dropped");
                continue;
            }

            await PoisonAsync(handler.Name, change, single, ct).ConfigureAwait(false);
            EdTechTelemetry.Fail(span, single.Error);
            Count(handler, 1, "poisoned");
        }
    }

    private static void Count(IChangeFeedHandler handler, int changes, string outcome) =>
        EdTechTelemetry.ChangeFeedChanges.Add(changes, new(ChangeFeedSpans.HandlerTag, handler.Name), new("edtech.changefeed.outcome", outcome));

    /// <summary>An item of the feed that is not a readable document: straight to poison, visibly (never skipped in silence).</summary>
    public async Task PoisonMalformedAsync(string handler, string container, string? tenant, string? documentId, string rawItem, Exception error, CancellationToken ct)
    {
        var owner = TenantId.IsValid(tenant) ? new TenantId(tenant!) : TenantId.Platform;
        var record = ChangeFeedPoisonRecord.ForMalformedItem(handler, container, documentId, rawItem, error, clock.GetUtcNow());
        await store.ReplaceAsync(owner, record, ifMatch: null, ct).ConfigureAwait(false);
        LogPoison(record, owner, error);
    }

    /// <param name="Erased">The work concerned an erased student (<see cref="SubjectErasedException"/>): dropped, never retried nor poisoned.</param>
    private sealed record Failure(Exception Error, int Attempts, bool Malformed, bool Erased = false);

    /// <summary>Null once handled; the last failure after the attempts run out. Transient failures that persist are rethrown.</summary>
    private async Task<Failure?> TryAsync(IChangeFeedHandler handler, IReadOnlyList<StoredDocument> changes, CancellationToken ct)
    {
        var attempts = 0;
        var transient = 0;
        while (true)
        {
            try
            {
                EdTechTelemetry.ChangeFeedBatches.Add(1, new KeyValuePair<string, object?>(ChangeFeedSpans.HandlerTag, handler.Name));
                await handler.HandleAsync(changes, ct).ConfigureAwait(false);
                return null;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (SubjectErasedException ex)
            {
                // Not retried: the erasure is final. A batch is handed over one change at a time, so only that change is dropped.
                return new Failure(ex, attempts + 1, Malformed: false, Erased: true);
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                transient++;
                if (transient >= options.MaxTransientAttempts)
                {
                    logger.LogWarning(ex, "Change-feed handler {Handler}: transient failure {Count} times in a row; the batch is redelivered", handler.Name, transient);
                    throw;
                }

                logger.LogInformation("Change-feed handler {Handler}: transient failure ({Error}); retrying", handler.Name, ex.GetType().Name);
                await Task.Delay(options.Backoff(transient), clock, ct).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                attempts++;
                var malformed = ex is JsonException;
                if (malformed || attempts >= options.MaxAttempts)
                {
                    return new Failure(ex, attempts, malformed);
                }

                logger.LogWarning(ex, "Change-feed handler {Handler} failed (attempt {Attempt} of {MaxAttempts}); retrying", handler.Name, attempts, options.MaxAttempts);
                await Task.Delay(options.Backoff(attempts), clock, ct).ConfigureAwait(false);
            }
        }
    }

    private void LogDropped(string handler, StoredDocument change) =>
        logger.LogInformation("Change-feed handler {Handler} dropped {SourceContainer}/{DocumentId} in {TenantId}: it concerns an erased student",
            handler, change.Container, change.Id, change.Tenant.Value);

    private bool IsTransient(Exception ex)
    {
        if (_transient.Any(t => t.IsTransient(ex)))
        {
            return true;
        }

        var inner = ex.InnerException;
        return inner is not null && IsTransient(inner);
    }

    private async Task PoisonAsync(string handler, StoredDocument change, Failure failure, CancellationToken ct)
    {
        var reason = failure.Malformed ? ChangeFeedPoisonRecord.Malformed : ChangeFeedPoisonRecord.HandlerFailed;
        var record = ChangeFeedPoisonRecord.ForChange(handler, change, reason, failure.Error, failure.Attempts, clock.GetUtcNow());
        // An upsert: the same failure redelivered rewrites the same record. A store failure here propagates, so the change is redelivered, not lost.
        try
        {
            await store.ReplaceAsync(change.Tenant, record, ifMatch: null, ct).ConfigureAwait(false);
        }
        catch (SubjectErasedException)
        {
            // The change's student was erased meanwhile: no poison record (it would keep their data); the change is dropped.
            LogDropped(handler, change);
            return;
        }

        LogPoison(record, change.Tenant, failure.Error);
    }

    private void LogPoison(ChangeFeedPoisonRecord record, TenantId tenant, Exception error) =>
        logger.LogError(PoisonEvent, error,
            "Change-feed poison: {Handler} gave up on {SourceContainer}/{DocumentId} in {TenantId} after {Attempts} attempts ({Reason}); poison record {PoisonId}",
            record.Handler, record.SourceContainer, record.DocumentId, tenant.Value, record.Attempts, record.Reason, record.Id);
}
