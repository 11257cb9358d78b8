using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Usage;

/// <summary>One learning event as the app posts it (API.md, "Usage events"); every field is checked by <see cref="RecordUsageEventsValidator"/>.</summary>
public sealed record UsageEventInput(string? Id, string? Verb, string? ObjectType, string? ObjectId, string? CourseId, DateTimeOffset? At, double? DurationSeconds);

/// <summary>POST /api/student/events: a batch of the signed-in student's events.</summary>
public sealed record RecordUsageEventsCommand(IReadOnlyList<UsageEventInput?>? Events);

/// <summary>202 body: events newly stored, and events whose id was already stored (or repeated in the batch).</summary>
public sealed record UsageEventsAccepted(int Accepted, int Duplicates);

/// <summary>
/// POST /api/student/events. The whole batch is checked first, event by event in order (shape, then the course's enrollment and
/// the object), and the first bad event refuses it all: 422 naming <c>events[i].field</c>, nothing stored. Then each event is
/// created under "{userId}:{eventId}": an id already stored, or repeated in the batch, is a duplicate (counted, not an error),
/// so a retried batch stores nothing twice. The student is the token's; the event body has no user field.
/// </summary>
public sealed class RecordUsageEventsHandler(IDocumentStore store, CourseAccess access, AssessmentLookup assessments, TimeProvider clock)
{
    private const int ConcurrentWrites = 16;

    public async Task<Outcome<UsageEventsAccepted>> HandleAsync(Caller caller, RecordUsageEventsCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (RecordUsageEventsValidator.ValidateBatch(command) is { } batchProblem)
        {
            return batchProblem;
        }

        var now = clock.GetUtcNow();
        var events = command.Events!;
        var objects = new UsageObjects(store, access, assessments, caller);
        for (var i = 0; i < events.Count; i++)
        {
            var error = RecordUsageEventsValidator.ValidateShape(events[i], now) ?? await objects.CheckAsync(events[i]!, ct).ConfigureAwait(false);
            if (error is not null)
            {
                var field = error.Field.Length == 0 ? $"events[{i}]" : $"events[{i}].{error.Field}";
                return Problem.Invalid(field, error.Message) with { Detail = $"Event {i} is refused, so the batch is: nothing was stored." };
            }
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var fresh = events.Select(e => e!).Where(e => ids.Add(e.Id!))
            .Select(e => new UsageEventRecord(UsageEventRecord.IdFor(caller.UserId, e.Id!), e.Id!, caller.UserId, e.CourseId!, e.Verb!, e.ObjectType!, e.ObjectId!,
                e.At!.Value, e.DurationSeconds, now))
            .ToList();
        var created = 0;
        await Parallel.ForEachAsync(fresh, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentWrites, CancellationToken = ct }, async (record, token) =>
        {
            var (status, _) = await store.CreateAsync(caller.Tenant, record, token).ConfigureAwait(false);
            if (status == WriteStatus.Created)
            {
                Interlocked.Increment(ref created);
            }
        }).ConfigureAwait(false);
        return Outcome<UsageEventsAccepted>.Ok(new UsageEventsAccepted(created, events.Count - created));
    }
}
