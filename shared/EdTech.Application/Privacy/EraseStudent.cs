using EdTech.Application.Access;
using EdTech.Application.Audit;
using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Learning;
using EdTech.Application.Outbox;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Privacy;

public sealed record EraseStudentCommand(string UserId, string? Reason);

/// <param name="SubjectHash">The tombstone's opaque subject.</param>
/// <param name="AlreadyErased">True when an earlier request had finished the erasure; nothing was deleted now.</param>
/// <param name="Deleted">Documents deleted by this request, per container.</param>
public sealed record ErasureSummary(string SubjectHash, DateTimeOffset ErasedAt, bool AlreadyErased, IReadOnlyDictionary<string, int> Deleted);

/// <summary>
/// Right to erasure (GDPR art. 17 / COPPA): deletes the student's documents from every container of
/// the caller's tenant, drops the outbox adapter's kept copies of messages naming them (<see cref="IOutboxArchive"/>), replaces their audit entries by one pseudonymous tombstone, and deletes the
/// user record last. Before deleting anything it writes the erasure marker (<see cref="ErasureMarkers"/>), which makes every
/// later or concurrent write of the student's data fail or be undone (<see cref="ErasureGuardedStore"/>): the erasure is final.
/// The user record is the "not yet done" marker: a request that fails midway is
/// finished by repeating it, and a repeat after success finds the tombstone and deletes nothing. docs/privacy.md states the guarantee.
/// </summary>
public sealed class EraseStudentHandler(IDocumentStore store, IAuditLog audit, CourseAccess access, TeacherQueryCache cache, RecommendationCache recommendations, IOutboxArchive published, ErasureMarkers markers, TimeProvider clock)
{
    public async Task<Outcome<ErasureSummary>> HandleAsync(Caller caller, EraseStudentCommand command, CancellationToken ct)
    {
        if (EraseStudentValidator.Validate(command) is { IsValid: false } invalid)
        {
            return invalid.ToProblem();
        }

        var hash = SubjectHash.Of(caller.Tenant, command.UserId);
        var tombstoneId = ErasureMarkers.TombstoneIdFor(hash);
        var user = await store.GetAsync<UserRecord>(caller.Tenant, command.UserId, ct).ConfigureAwait(false);
        if (user is null)
        {
            var done = await store.GetAsync<AuditEntry>(caller.Tenant, tombstoneId, ct).ConfigureAwait(false);
            return done is null ? Problem.NotFound("user") : Outcome<ErasureSummary>.Ok(new ErasureSummary(hash, done.Value.At, true, new Dictionary<string, int>()));
        }

        if (!StudentData.IsStudentOnly(user.Value))
        {
            // Staff (or a staff member who is also a student) is not erased by the student route: 404, as for no such student.
            return Problem.NotFound("user");
        }

        if (EraseStudentValidator.ValidateAgainst(command, user.Value) is { IsValid: false } identifying)
        {
            return identifying.ToProblem();
        }

        // The marker first: from here on every write of the student's data is refused or undone (ErasureGuardedStore), so
        // grading, projections and learner-state handlers that are still running cannot write anything back after the scan below.
        await markers.MarkAsync(caller.Tenant, command.UserId, caller, clock.GetUtcNow(), ct).ConfigureAwait(false);
        var courses = (await store.QueryAsync<EnrollmentRecord>(caller.Tenant, StudentData.Locations[Containers.Enrollments](command.UserId), ct).ConfigureAwait(false))
            .Select(e => e.Value.CourseId).ToList();
        var deleted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (container, query) in StudentData.Locations)
        {
            var removed = await DeleteAllAsync(caller, container, query(command.UserId), ct).ConfigureAwait(false);
            deleted[container] = deleted.GetValueOrDefault(container) + Records(container, removed);
            if (container == Containers.IntegrationEvents)
            {
                // A release's notification rides in its integration event's document (IntegrationEventFolds.Carrying): counted as a notification.
                deleted[Containers.Notifications] = deleted.GetValueOrDefault(Containers.Notifications) + removed.Sum(d => IntegrationEventFolds.NotificationsIn(d.Json));
            }
        }

        // After the outbox records are gone (nothing naming the student is published any more): what the outbox adapter
        // kept of messages already published (the LocalHost's log files) loses the student's lines too.
        deleted["published-messages"] = await published.ForgetSubjectAsync(caller.Tenant, command.UserId, ct).ConfigureAwait(false);

        // After the enrollments are gone, so a concurrent request cannot reload them: the student's
        // still-valid token must not submit (and so re-create data) for the rest of the cache time.
        courses.ForEach(course => access.Forget(caller.Tenant, course, command.UserId));
        recommendations.Remove(caller.Tenant, command.UserId);

        // Deletes reach no change feed: drop the tenant's cached teacher reads (gradebooks, queues, statistics) now.
        await cache.InvalidateTenantAsync(caller.Tenant, ct).ConfigureAwait(false);

        var now = clock.GetUtcNow();
        var tombstone = new AuditEntry(tombstoneId, now, caller.UserId, caller.Roles.Order(StringComparer.Ordinal).ToList(), AuditActions.StudentErased,
            hash, Resource: null, New: string.Join(' ', deleted.Select(d => $"{d.Key}={d.Value}")), Reason: command.Reason!.Trim());
        deleted[Containers.Audit] = await audit.EraseSubjectAsync(caller.Tenant, command.UserId, tombstone, ct).ConfigureAwait(false);
        deleted[Containers.Users] = await store.DeleteAsync(caller.Tenant, Containers.Users, command.UserId, cancellationToken: ct).ConfigureAwait(false) ? 1 : 0;
        return Outcome<ErasureSummary>.Ok(new ErasureSummary(hash, now, false, deleted));
    }

    private async Task<List<StoredDocument>> DeleteAllAsync(Caller caller, string container, DocumentQuery query, CancellationToken ct)
    {
        var deleted = new List<StoredDocument>();
        foreach (var doc in await store.QueryAsync(caller.Tenant, container, query, ct).ConfigureAwait(false))
        {
            // Unconditional: a concurrent write (grading) must not let a document escape the erasure.
            if (await store.DeleteAsync(caller.Tenant, container, doc.Id, cancellationToken: ct).ConfigureAwait(false))
            {
                deleted.Add(doc);
            }
        }

        return deleted;
    }

    /// <summary>
    /// Records, not documents: a folded outbox document counts each event it holds, a submission's responses each answer (once,
    /// when a per-item document from before the fold is also stored for it).
    /// </summary>
    private static int Records(string container, List<StoredDocument> deleted) =>
        container == Containers.Responses ? StoredResponses.ExpandJson(deleted).Count : deleted.Sum(d => StoredFolds.RecordsIn(d.Json));
}
