using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Adaptive;
using EdTech.Domain.Analytics;
using EdTech.Domain.Learning.BktModel;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Analytics;

/// <summary>
/// Keeps <see cref="StudentWeeksRecord"/> (deferrable: it never slows an exam) from two change feeds:
/// <list type="bullet">
/// <item>submissions, as the part <c>analytics-weeks-on-submissions</c> of the submission-insights consumer, after the
/// learner-state part (which wrote the student's learner state in the same delivery): for a released submission the
/// student's weekly BKT mastery is recomputed from all their released contributions in the course, read from their learner
/// state (<see cref="WeeklyMastery"/>), a replacement, so a redelivery or a regrade gives the same record (until 2026-12-07 the
/// learner state's own feed; one more change-feed delivery per submission);</item>
/// <item>usage events: the event's module and ISO week are added to the student's set (content events name their module;
/// assessment and item events count for every module that links the assessment), so a redelivered event adds nothing.</item>
/// </list>
/// Writes are conditional on the ETag read and retried on a conflict (in Azure the two triggers run concurrently for one student).
/// A learner state or event that no longer exists (erased) is skipped; the erasure deletes this record through the privacy map.
/// Then each course a batch touched gets its <see cref="CourseWeeksRecord"/> (the sums the weekly heatmaps read with one point
/// read) recomputed from all its students' records, at most once per <see cref="RecomputeInterval"/>; within it the record is
/// marked stale instead (a write that also moves its ETag, so a recomputation that read the students before this change cannot
/// overwrite the mark), and <see cref="CurrentAsync"/> recomputes a stale record on read.
/// </summary>
public sealed class AnalyticsWeeksProjection(IDocumentStore store, TimeProvider clock) : IChangeFeedHandler
{
    private const int MaxConflictRetries = CourseSums<CourseWeeksRecord>.MaxConflictRetries;

    /// <summary>
    /// How often a course's sums are recomputed by the feed at most. A recomputation reads every student's record of the course
    /// (about 0.5 s for 1,000 students on a busy 2-core machine, docs/benchmarks.md): per batch it would be quadratic at a peak.
    /// </summary>
    public static readonly TimeSpan RecomputeInterval = TimeSpan.FromSeconds(60);

    public string Name => ChangeFeedCatalog.AnalyticsWeeksProjection.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.AnalyticsWeeksProjection.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.AnalyticsWeeksProjection.Containers;

    public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var courses = new HashSet<(TenantId Tenant, string CourseId)>();
        var states = new HashSet<(TenantId Tenant, string StateId)>();
        foreach (var change in changes)
        {
            var course = change.Container == Storage.Containers.Submissions ? await MasteryAsync(change, states, cancellationToken).ConfigureAwait(false)
                : change.Container == Storage.Containers.UsageEvents ? await ActivityAsync(change, cancellationToken).ConfigureAwait(false)
                : null;
            if (course is not null)
            {
                courses.Add((change.Tenant, course));
            }
        }

        foreach (var (tenant, courseId) in courses)
        {
            await RefreshAsync(tenant, courseId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The course's weekly sums for a read: the stored record unless it is missing or stale, else recomputed (and stored when nothing raced it).</summary>
    public Task<CourseWeeksRecord> CurrentAsync(TenantId tenant, string courseId, CancellationToken ct) => Sums.CurrentAsync(tenant, courseId, ct);

    private Task RefreshAsync(TenantId tenant, string courseId, CancellationToken ct) => Sums.RefreshAsync(tenant, courseId, ct);

    /// <summary>The shared recompute-or-mark-stale rule over this projection's course record (built once; a race builds an equal one).</summary>
    private CourseSums<CourseWeeksRecord> Sums => field ??= new(store, clock, RecomputeInterval, "The weekly sums", RecomputeAsync);

    private async Task<CourseWeeksRecord> RecomputeAsync(TenantId tenant, string courseId, CancellationToken ct)
    {
        var course = DocumentQuery.InPartition(courseId);
        var students = (await store.QueryAsync<StudentWeeksRecord>(tenant, course, ct).ConfigureAwait(false)).Select(s => s.Value).ToList();
        var enrolled = (await store.QueryAsync<EnrollmentRecord>(tenant, course, ct).ConfigureAwait(false)).Count(e => e.Value.Role == Roles.Student);
        return new CourseWeeksRecord(courseId, WeekHeatmaps.SkillSums(students), WeekHeatmaps.ModuleCounts(students), enrolled, Stale: false, clock.GetUtcNow());
    }

    /// <summary>A released submission's student: their mastery from their learner state, once per student and course in a batch.</summary>
    /// <returns>The course whose student record changed, or null.</returns>
    private async Task<string?> MasteryAsync(StoredDocument change, HashSet<(TenantId Tenant, string StateId)> done, CancellationToken ct)
    {
        var submission = TypedDocumentStore.Read<SubmissionRecord>(change).Value;
        var stateId = LearnerStateRecord.IdFor(submission.CourseId, submission.UserId);
        if (submission.Status != SubmissionStatus.Released || !done.Add((change.Tenant, stateId)))
        {
            return null;
        }

        // Gone when the student was erased (the erasure deletes this record through the privacy map too).
        var state = await store.GetAsync<LearnerStateRecord>(change.Tenant, stateId, submission.UserId, ct).ConfigureAwait(false);
        if (state is null)
        {
            return null;
        }

        var answers = state.Value.Contributions.Where(c => c.Released)
            .SelectMany(c => c.Items.Where(i => i.Skills.Count > 0).Select(i => new SkillAnswer(i.Skills, i.Correct, c.At)));
        var mastery = WeeklyMastery.Replay(answers, LearnerModelSettings.Default.Bkt);
        return await UpdateAsync(change.Tenant, state.Value.CourseId, state.Value.UserId,
            r => r.Mastery.SequenceEqual(mastery) ? null : r with { Mastery = mastery }, ct).ConfigureAwait(false) ? state.Value.CourseId : null;
    }

    /// <returns>The course whose student record changed, or null.</returns>
    private async Task<string?> ActivityAsync(StoredDocument change, CancellationToken ct)
    {
        var stored = await store.GetAsync<UsageEventRecord>(change.Tenant, change.Id, change.Partition, ct).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var e = stored.Value;
        var modules = await ModulesOfAsync(change.Tenant, e, ct).ConfigureAwait(false);
        if (modules.Count == 0)
        {
            return null;
        }

        var week = IsoWeeks.Of(e.At);
        return await UpdateAsync(change.Tenant, e.CourseId, e.UserId, r =>
        {
            var added = modules.Select(m => new ModuleWeek(week, m)).Except(r.Modules).ToList();
            return added.Count == 0 ? null : r with { Modules = [.. r.Modules.Concat(added).OrderBy(m => m.Week, StringComparer.Ordinal).ThenBy(m => m.ModuleId, StringComparer.Ordinal)] };
        }, ct).ConfigureAwait(false) ? e.CourseId : null;
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

    /// <returns>Whether the student's record changed.</returns>
    private async Task<bool> UpdateAsync(TenantId tenant, string courseId, string userId, Func<StudentWeeksRecord, StudentWeeksRecord?> change, CancellationToken ct)
    {
        var id = StudentWeeksRecord.IdFor(courseId, userId);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await store.GetAsync<StudentWeeksRecord>(tenant, id, courseId, ct).ConfigureAwait(false);
            var next = change(existing?.Value ?? StudentWeeksRecord.Empty(courseId, userId));
            if (next is null)
            {
                return false;
            }

            next = next with { UpdatedAt = clock.GetUtcNow() };
            if (await store.WriteOverAsync(tenant, next, existing, ct).ConfigureAwait(false))
            {
                return true;
            }

            if (attempt >= MaxConflictRetries)
            {
                throw new ConcurrencyConflictException($"'{id}' kept changing under the analytics-weeks projection; the batch is retried.");
            }
        }
    }
}
