using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Adaptive;
using EdTech.Domain.Analytics;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Analytics;

/// <summary>
/// Keeps <see cref="StudentWeeksRecord"/> (deferrable: it never slows an exam) from two change feeds:
/// <list type="bullet">
/// <item>learner state: the student's weekly BKT mastery is recomputed from all their released contributions in the course
/// (<see cref="WeeklyMastery"/>), a replacement, so a redelivery or a regrade gives the same record;</item>
/// <item>usage events: the event's module and ISO week are added to the student's set (content events name their module;
/// assessment and item events count for every module that links the assessment), so a redelivered event adds nothing.</item>
/// </list>
/// Writes are conditional on the ETag read and retried on a conflict (in Azure the two triggers run concurrently for one student).
/// A learner state or event that no longer exists (erased) is skipped; the erasure deletes this record through the privacy map.
/// </summary>
public sealed class AnalyticsWeeksProjection(IDocumentStore store, TimeProvider clock) : IChangeFeedHandler
{
    private const int MaxConflictRetries = 8;

    public string Name => ChangeFeedCatalog.AnalyticsWeeksProjection.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.AnalyticsWeeksProjection.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.AnalyticsWeeksProjection.Containers;

    public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            if (change.Container == Storage.Containers.LearnerState)
            {
                await MasteryAsync(change, cancellationToken).ConfigureAwait(false);
            }
            else if (change.Container == Storage.Containers.UsageEvents)
            {
                await ActivityAsync(change, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task MasteryAsync(StoredDocument change, CancellationToken ct)
    {
        var state = await store.GetAsync<LearnerStateRecord>(change.Tenant, change.Id, change.Partition, ct).ConfigureAwait(false);
        if (state is null)
        {
            return;
        }

        var answers = state.Value.Contributions.Where(c => c.Released)
            .SelectMany(c => c.Items.Where(i => i.Skills.Count > 0).Select(i => new SkillAnswer(i.Skills, i.Correct, c.At)));
        var mastery = WeeklyMastery.Replay(answers, LearnerModelSettings.Default.Bkt);
        await UpdateAsync(change.Tenant, state.Value.CourseId, state.Value.UserId,
            r => r.Mastery.SequenceEqual(mastery) ? null : r with { Mastery = mastery }, ct).ConfigureAwait(false);
    }

    private async Task ActivityAsync(StoredDocument change, CancellationToken ct)
    {
        var stored = await store.GetAsync<UsageEventRecord>(change.Tenant, change.Id, change.Partition, ct).ConfigureAwait(false);
        if (stored is null)
        {
            return;
        }

        var e = stored.Value;
        var modules = await ModulesOfAsync(change.Tenant, e, ct).ConfigureAwait(false);
        if (modules.Count == 0)
        {
            return;
        }

        var week = IsoWeeks.Of(e.At);
        await UpdateAsync(change.Tenant, e.CourseId, e.UserId, r =>
        {
            var added = modules.Select(m => new ModuleWeek(week, m)).Except(r.Modules).ToList();
            return added.Count == 0 ? null : r with { Modules = [.. r.Modules.Concat(added).OrderBy(m => m.Week, StringComparer.Ordinal).ThenBy(m => m.ModuleId, StringComparer.Ordinal)] };
        }, ct).ConfigureAwait(false);
    }

    /// <summary>The course modules an event counts for: a content event's own module; an assessment or item event, each module linking the assessment.</summary>
    private async Task<IReadOnlyList<string>> ModulesOfAsync(TenantId tenant, UsageEventRecord e, CancellationToken ct)
    {
        var head = e.ObjectId.Split('/')[0];
        if (e.ObjectType == "content")
        {
            return [head];
        }

        var modules = await store.QueryAsync<ModuleRecord>(tenant, DocumentQuery.InPartition(e.CourseId), ct).ConfigureAwait(false);
        return [.. modules.Where(m => m.Value.Items.Any(i => i.AssessmentId == head)).Select(m => m.Value.ModuleId)];
    }

    private async Task UpdateAsync(TenantId tenant, string courseId, string userId, Func<StudentWeeksRecord, StudentWeeksRecord?> change, CancellationToken ct)
    {
        var id = StudentWeeksRecord.IdFor(courseId, userId);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await store.GetAsync<StudentWeeksRecord>(tenant, id, courseId, ct).ConfigureAwait(false);
            var next = change(existing?.Value ?? StudentWeeksRecord.Empty(courseId, userId));
            if (next is null)
            {
                return;
            }

            next = next with { UpdatedAt = clock.GetUtcNow() };
            var status = existing is null
                ? (await store.CreateAsync(tenant, next, ct).ConfigureAwait(false)).Status
                : (await store.ReplaceAsync(tenant, next, existing.ETag, ct).ConfigureAwait(false)).Status;
            if (status is WriteStatus.Created or WriteStatus.Replaced)
            {
                return;
            }

            if (attempt >= MaxConflictRetries)
            {
                throw new ConcurrencyConflictException($"'{id}' kept changing under the analytics-weeks projection; the batch is retried.");
            }
        }
    }
}
