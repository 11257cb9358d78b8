using EdTech.Application.ChangeFeed;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Application.Tenants;
using EdTech.Domain.Tenancy;
using EdTech.Domain.Usage;

namespace EdTech.Application.Usage;

/// <summary>A course's day summarized: the whole course and each enrollment section ("" for students without one), unsuppressed.</summary>
public sealed record UsageDaySummary(UsageDay Day, IReadOnlyList<SectionUsageDay> Sections);

/// <summary>
/// Keeps the per-course, per-day usage from the change feed of usage events and submissions (deferrable: it never slows an exam);
/// the submissions reach it as the part <c>usage-on-submissions</c> of the submission-insights consumer (<see cref="ChangeFeedPart"/>).
/// Days are the tenant's local calendar days (<see cref="TenantTimeZones"/>). Three steps, all idempotent under redelivery:
/// (1) each change is added to its student's day (<see cref="UsageStudentDayRecord"/>), which lists the event and submission ids
/// already counted, so a redelivered change adds nothing; (2) each <c>content</c> event is merged into the student's module
/// progress (<see cref="UsageModuleProgressRecord"/>: min / max / union, so redelivery changes nothing); (3) every day a batch
/// touched is recomputed from all its student-days into <see cref="CourseUsageDayRecord"/> (a recomputation, never an
/// increment, so running it twice, or after a failure between the steps, gives the same result). Every write is conditional on
/// the ETag read and retried on a conflict: in Azure the usage-projection and submission-insights triggers run this projection concurrently.
/// </summary>
public sealed class UsageProjection(IDocumentStore store, TenantTimeZones timeZones, TimeProvider clock) : IChangeFeedHandler
{
    private const int MaxConflictRetries = 8;

    public string Name => ChangeFeedCatalog.UsageProjection.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.UsageProjection.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.UsageProjection.Containers;

    public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var zones = new Dictionary<TenantId, TimeZoneInfo>();
        foreach (var tenant in changes.Select(c => c.Tenant).Distinct())
        {
            zones[tenant] = await timeZones.GetAsync(tenant, cancellationToken).ConfigureAwait(false);
        }

        var facts = changes.Select(c => UsageFact.Of(c, zones[c.Tenant])).OfType<UsageFact>().ToList();
        using var slots = new SemaphoreSlim(KeyedBatch.MaxConcurrentKeys);
        var changedDays = new System.Collections.Concurrent.ConcurrentDictionary<(TenantId Tenant, string CourseId, string Date), bool>();
        await Task.WhenAll(facts.GroupBy(f => (f.Tenant, f.StudentDayId))
            .Select(g => Bounded(slots, async () =>
            {
                if (await AddToStudentDayAsync(g.ToList(), cancellationToken).ConfigureAwait(false))
                {
                    changedDays[(g.First().Tenant, g.First().CourseId, g.First().Date)] = true;
                }
            }, cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(facts.Where(f => f.Module is not null).GroupBy(f => (f.Tenant, f.CourseId, f.UserId))
            .Select(g => Bounded(slots, () => AddToModuleProgressAsync(g.ToList(), cancellationToken), cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(facts.Select(f => (f.Tenant, f.CourseId, f.Date)).Distinct()
            .Select(d => Bounded(slots, () => RecomputeDayAsync(d.Tenant, d.CourseId, d.Date, debounce: d.Date == Today(zones[d.Tenant], clock),
                changed: changedDays.ContainsKey(d), cancellationToken), cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// How often today's summary of one course is recomputed at most. Recomputing reads every student-day of the course's day: at
    /// an exam peak (30,000 submissions in one course in one minute) doing it for every batch was quadratic. Today's figures are
    /// therefore computed live by the read (<see cref="GetCourseUsageHandler"/>, today and yesterday), and the stored summary of
    /// today may lag by this much; any other day is recomputed at every change.
    /// </summary>
    public static readonly TimeSpan TodayRecomputeInterval = TimeSpan.FromSeconds(60);

    /// <summary>"yyyy-MM-dd" of the clock's day in <paramref name="zone"/> (the tenant's).</summary>
    public static string Today(TimeZoneInfo zone, TimeProvider clock) =>
        TenantTimeZones.Today(zone, clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One course's day summarized from its students' days, without writing it (the read's live figures).</summary>
    public async Task<UsageDaySummary> SummarizeAsync(TenantId tenant, string courseId, string date, CancellationToken ct)
    {
        var students = (await store.QueryAsync<UsageStudentDayRecord>(tenant, DocumentQuery.InPartition(UsageStudentDayRecord.PartitionFor(courseId, date)), ct)
            .ConfigureAwait(false)).Select(s => s.Value).ToList();
        var sections = students.GroupBy(s => s.Section ?? string.Empty, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => SectionOf(g.Key, DailyUsage.Summarize(date, g.Select(s => s.Totals).ToList()))).ToList();
        return new UsageDaySummary(DailyUsage.Summarize(date, students.Select(s => s.Totals).ToList()), sections);
    }

    private static SectionUsageDay SectionOf(string section, UsageDay d) =>
        new(section, d.ActiveStudents, d.ContentViews, d.Submissions, d.Completions, d.MedianTimeOnTaskSeconds, d.Completion);

    /// <summary>
    /// Recomputes one course's day from its students' days (also the step a redelivered batch repeats). With
    /// <paramref name="debounce"/> (today's day), a summary written less than <see cref="TodayRecomputeInterval"/> ago is left,
    /// marked <see cref="CourseUsageDayRecord.Stale"/> when this batch <paramref name="changed"/> one of the day's student-days (a
    /// redelivery changes none, so it writes nothing), and the read summarizes a stale day live.
    /// </summary>
    public async Task RecomputeDayAsync(TenantId tenant, string courseId, string date, bool debounce, bool changed, CancellationToken ct) =>
        await UpdateAsync<CourseUsageDayRecord>(tenant, CourseUsageDayRecord.IdFor(courseId, date), "course usage day", async existing =>
        {
            if (debounce && existing is not null && clock.GetUtcNow() - existing.UpdatedAt < TodayRecomputeInterval)
            {
                return changed && !existing.Stale ? existing with { Stale = true } : null;
            }

            var (day, sections) = await SummarizeAsync(tenant, courseId, date, ct).ConfigureAwait(false);
            var record = new CourseUsageDayRecord(CourseUsageDayRecord.IdFor(courseId, date), courseId, date, day.ActiveStudents, day.ContentViews, day.Submissions,
                day.Completions, day.MedianTimeOnTaskSeconds, clock.GetUtcNow()) { Completion = day.Completion, Sections = sections };
            return existing is not null && Same(existing with { UpdatedAt = record.UpdatedAt }, record) ? null : record;
        }, ct).ConfigureAwait(false);

    /// <summary>Adds a student-day's facts (true when the student-day changed); a new day takes the student's enrollment section.</summary>
    private Task<bool> AddToStudentDayAsync(IReadOnlyList<UsageFact> facts, CancellationToken ct)
    {
        var first = facts[0];
        return UpdateAsync<UsageStudentDayRecord>(first.Tenant, first.StudentDayId, "student's usage day", async existing =>
        {
            var before = existing ?? UsageStudentDayRecord.Empty(first.CourseId, first.Date, first.UserId) with
            {
                Section = (await store.GetAsync<EnrollmentRecord>(first.Tenant, EnrollmentRecord.IdFor(first.CourseId, first.UserId), ct).ConfigureAwait(false))?.Value.Section,
            };
            var after = facts.Aggregate(before, (day, fact) => fact.AddTo(day));
            return ReferenceEquals(before, after) ? null : after;
        }, ct);
    }

    private Task AddToModuleProgressAsync(IReadOnlyList<UsageFact> facts, CancellationToken ct)
    {
        var first = facts[0];
        return UpdateAsync<UsageModuleProgressRecord>(first.Tenant, UsageModuleProgressRecord.IdFor(first.CourseId, first.UserId), "student's module progress", existing =>
        {
            var before = existing ?? UsageModuleProgressRecord.Empty(first.CourseId, first.UserId);
            var after = facts.Aggregate(before, (progress, fact) => fact.AddTo(progress));
            return Task.FromResult(existing is not null && Same(before, after) ? null : after);
        }, ct);
    }

    /// <summary>
    /// Reads the record, asks <paramref name="change"/> for its new value (null: nothing to write) and writes it conditionally on
    /// the ETag read, again from the read on a conflict; after <see cref="MaxConflictRetries"/> the batch fails and is redelivered.
    /// </summary>
    /// <returns>Whether a write was made (false: nothing to change).</returns>
    private async Task<bool> UpdateAsync<T>(TenantId tenant, string id, string what, Func<T?, Task<T?>> change, CancellationToken ct)
        where T : class, IStoredRecord
    {
        for (var attempt = 1; ; attempt++)
        {
            var existing = await store.GetAsync<T>(tenant, id, ct).ConfigureAwait(false);
            if (await change(existing?.Value).ConfigureAwait(false) is not { } after)
            {
                return false;
            }

            if (await store.WriteOverAsync(tenant, after, existing, ct).ConfigureAwait(false))
            {
                return true;
            }

            if (attempt >= MaxConflictRetries)
            {
                throw new ConcurrencyConflictException($"Concurrent writes kept changing the {what}; the change is redelivered.");
            }
        }
    }

    /// <summary>Same stored content (records with lists compare by reference, so by their JSON).</summary>
    private static bool Same<T>(T a, T b) where T : IStoredRecord => TypedDocumentStore.Serialize(a) == TypedDocumentStore.Serialize(b);

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
