using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Domain.Usage;

namespace EdTech.Application.Usage;

/// <summary>
/// Keeps the per-course, per-day usage from the change feed of usage events and submissions (deferrable: it never slows an exam).
/// Two steps, both idempotent under redelivery: (1) each change is added to its student's day (<see cref="UsageStudentDayRecord"/>),
/// which lists the event and submission ids already counted, so a redelivered change adds nothing; (2) every day a batch touched
/// is recomputed from all its student-days into <see cref="CourseUsageDayRecord"/> (a recomputation, never an increment, so
/// running it twice, or after a failure between the steps, gives the same result). Both writes are conditional on the ETag read
/// and retried on a conflict: in Azure the usage-events and submissions triggers run this handler concurrently.
/// </summary>
public sealed class UsageProjection(IDocumentStore store, TimeProvider clock) : IChangeFeedHandler
{
    private const int MaxConflictRetries = 8;

    public string Name => ChangeFeedCatalog.UsageProjection.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.UsageProjection.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.UsageProjection.Containers;

    public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var facts = changes.Select(UsageFact.Of).OfType<UsageFact>().ToList();
        using var slots = new SemaphoreSlim(KeyedBatch.MaxConcurrentKeys);
        await Task.WhenAll(facts.GroupBy(f => (f.Tenant, f.StudentDayId))
            .Select(g => Bounded(slots, () => AddToStudentDayAsync(g.ToList(), cancellationToken), cancellationToken))).ConfigureAwait(false);
        var today = Today(clock);
        await Task.WhenAll(facts.Select(f => (f.Tenant, f.CourseId, f.Date)).Distinct()
            .Select(d => Bounded(slots, () => RecomputeDayAsync(d.Tenant, d.CourseId, d.Date, debounce: d.Date == today, cancellationToken), cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// How often today's summary of one course is recomputed at most. Recomputing reads every student-day of the course's day: at
    /// an exam peak (30,000 submissions in one course in one minute) doing it for every batch was quadratic. Today's figures are
    /// therefore computed live by the read (<see cref="GetCourseUsageHandler"/>, today and yesterday), and the stored summary of
    /// today may lag by this much; any other day is recomputed at every change.
    /// </summary>
    public static readonly TimeSpan TodayRecomputeInterval = TimeSpan.FromSeconds(60);

    /// <summary>"yyyy-MM-dd" of the clock's UTC day.</summary>
    public static string Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One course's day summarized from its students' days, without writing it (the read's live figures).</summary>
    public async Task<UsageDay> SummarizeAsync(TenantId tenant, string courseId, string date, CancellationToken ct)
    {
        var students = await store.QueryAsync<UsageStudentDayRecord>(tenant, DocumentQuery.InPartition(UsageStudentDayRecord.PartitionFor(courseId, date)), ct)
            .ConfigureAwait(false);
        return DailyUsage.Summarize(date, students.Select(s => s.Value.Totals).ToList());
    }

    /// <summary>
    /// Recomputes one course's day from its students' days (also the step a redelivered batch repeats). With
    /// <paramref name="debounce"/> (today's day), a summary written less than <see cref="TodayRecomputeInterval"/> ago is left.
    /// </summary>
    public async Task RecomputeDayAsync(TenantId tenant, string courseId, string date, bool debounce, CancellationToken ct)
    {
        var id = CourseUsageDayRecord.IdFor(courseId, date);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await store.GetAsync<CourseUsageDayRecord>(tenant, id, courseId, ct).ConfigureAwait(false);
            if (debounce && existing is not null && clock.GetUtcNow() - existing.Value.UpdatedAt < TodayRecomputeInterval)
            {
                return;
            }

            var day = await SummarizeAsync(tenant, courseId, date, ct).ConfigureAwait(false);
            var record = new CourseUsageDayRecord(id, courseId, date, day.ActiveStudents, day.ContentViews, day.Submissions, day.Completions, day.MedianTimeOnTaskSeconds,
                clock.GetUtcNow());
            if (existing is not null && existing.Value with { UpdatedAt = record.UpdatedAt } == record)
            {
                return;
            }

            var status = existing is null
                ? (await store.CreateAsync(tenant, record, ct).ConfigureAwait(false)).Status
                : (await store.ReplaceAsync(tenant, record, existing.ETag, ct).ConfigureAwait(false)).Status;
            if (status is WriteStatus.Created or WriteStatus.Replaced || attempt >= MaxConflictRetries)
            {
                Ensure(status, "course usage day");
                return;
            }
        }
    }

    private async Task AddToStudentDayAsync(IReadOnlyList<UsageFact> facts, CancellationToken ct)
    {
        var first = facts[0];
        for (var attempt = 1; ; attempt++)
        {
            var existing = await store.GetAsync<UsageStudentDayRecord>(first.Tenant, first.StudentDayId, ct).ConfigureAwait(false);
            var before = existing?.Value ?? UsageStudentDayRecord.Empty(first.CourseId, first.Date, first.UserId);
            var after = facts.Aggregate(before, (day, fact) => fact.AddTo(day));
            if (ReferenceEquals(before, after))
            {
                return;
            }

            var status = existing is null
                ? (await store.CreateAsync(first.Tenant, after, ct).ConfigureAwait(false)).Status
                : (await store.ReplaceAsync(first.Tenant, after, existing.ETag, ct).ConfigureAwait(false)).Status;
            if (status is WriteStatus.Created or WriteStatus.Replaced || attempt >= MaxConflictRetries)
            {
                Ensure(status, "student's usage day");
                return;
            }
        }
    }

    private static void Ensure(WriteStatus status, string what)
    {
        if (status is not (WriteStatus.Created or WriteStatus.Replaced))
        {
            throw new ConcurrencyConflictException($"Concurrent writes kept changing the {what}; the change is redelivered.");
        }
    }

    private static async Task Bounded(SemaphoreSlim slots, Func<Task> work, CancellationToken ct)
    {
        await slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await work().ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }
}
