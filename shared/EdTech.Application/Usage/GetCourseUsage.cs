using System.Globalization;
using EdTech.Application.Analytics;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Application.Tenants;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Usage;

/// <summary>
/// One enrollment section's figures of a day ("" = students without a section). <see cref="ActiveStudents"/> is always given (a
/// count of who was active reveals no result, and says why the rest is empty); when fewer than the response's <c>minCount</c>
/// students of the section were active, <see cref="Hidden"/> is true and every other figure is null (left out of the JSON, as
/// every null is), so no single student's behaviour can be read off a cell.
/// </summary>
public sealed record SectionUsageDayView(string Section, int ActiveStudents, bool Hidden, int? ContentViews, int? Submissions, int? Completions,
    double? MedianTimeOnTaskSeconds, double? Completion);

public sealed record CourseUsageDayView(string Date, int ActiveStudents, int ContentViews, int Submissions, int Completions, double? MedianTimeOnTaskSeconds,
    double? Completion, IReadOnlyList<SectionUsageDayView> BySection);

/// <summary>
/// GET …/courses/{courseId}/analytics/usage: every day of the range (the tenant's local calendar days, <see cref="TimeZone"/>),
/// oldest first (days without activity are zeros); section cells under <see cref="MinCount"/> active students are hidden.
/// </summary>
public sealed record CourseUsage(string CourseId, string From, string To, IReadOnlyList<CourseUsageDayView> Days, string TimeZone, int MinCount);

/// <summary>
/// A course's daily usage from the projection (<see cref="UsageProjection"/>): one keyset query over the course's day records.
/// <c>from</c>/<c>to</c> are "yyyy-MM-dd" (the tenant's local days, inclusive), at most <see cref="MaxDays"/> days; without them
/// the last <see cref="DefaultDays"/> days to the tenant's today. The teacher route's enrollment is checked by the course scope;
/// the content route (tenant scope) needs the course to exist.
/// </summary>
public sealed class GetCourseUsageHandler(IDocumentStore store, UsageProjection projection, TenantTimeZones timeZones, AnalyticsSettings settings, TimeProvider clock)
{
    public const int MaxDays = 366;

    public const int DefaultDays = 30;

    public async Task<Outcome<CourseUsage>> HandleAsync(Caller caller, string courseId, string? from, string? to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var zone = await timeZones.GetAsync(caller.Tenant, ct).ConfigureAwait(false);
        var today = TenantTimeZones.Today(zone, clock);
        var (range, problem) = ParseRange(from, to, today);
        if (problem is not null)
        {
            return problem;
        }

        if (await store.GetAsync<CourseRecord>(caller.Tenant, courseId, courseId, ct).ConfigureAwait(false) is null)
        {
            return Problem.NotFound("course");
        }

        var (first, last) = range!.Value;
        var days = last.DayNumber - first.DayNumber + 1;
        var query = new DocumentQuery(courseId, AfterId: CourseUsageDayRecord.IdFor(courseId, Format(first.AddDays(-1))), Limit: days);
        var stored = (await store.QueryAsync<CourseUsageDayRecord>(caller.Tenant, query, ct).ConfigureAwait(false))
            .Select(d => d.Value).ToDictionary(d => d.Date, StringComparer.Ordinal);
        // Today's stored summary may lag by UsageProjection.TodayRecomputeInterval: a day the projection marked stale (a student-day
        // changed after its summary; also a day whose last change came within the interval, then midnight) and today or yesterday
        // without a summary yet are summarized live from their student-days; a fresh summary is exact and read as stored.
        var recent = new[] { today.AddDays(-1), today };
        foreach (var live in Enumerable.Range(0, days).Select(i => first.AddDays(i))
            .Where(d => stored.TryGetValue(Format(d), out var s) ? s.Stale : recent.Contains(d)))
        {
            var (day, sections) = await projection.SummarizeAsync(caller.Tenant, courseId, Format(live), ct).ConfigureAwait(false);
            stored[day.Date] = new CourseUsageDayRecord(CourseUsageDayRecord.IdFor(courseId, day.Date), courseId, day.Date, day.ActiveStudents, day.ContentViews,
                day.Submissions, day.Completions, day.MedianTimeOnTaskSeconds, clock.GetUtcNow()) { Completion = day.Completion, Sections = sections };
        }

        var minCount = await settings.MinCellCountAsync(caller.Tenant, ct).ConfigureAwait(false);
        var views = Enumerable.Range(0, days).Select(i => Format(first.AddDays(i)))
            .Select(date => stored.TryGetValue(date, out var d)
                ? new CourseUsageDayView(date, d.ActiveStudents, d.ContentViews, d.Submissions, d.Completions, d.MedianTimeOnTaskSeconds, d.Completion,
                    [.. d.Sections.Select(s => Hide(s, minCount))])
                : new CourseUsageDayView(date, 0, 0, 0, 0, null, null, []))
            .ToList();
        return Outcome<CourseUsage>.Ok(new CourseUsage(courseId, Format(first), Format(last), views, zone.Id, minCount));
    }

    /// <summary>A section's cell as shown: its figures hidden (null) under <paramref name="minCount"/> active students.</summary>
    public static SectionUsageDayView Hide(SectionUsageDay section, int minCount)
    {
        ArgumentNullException.ThrowIfNull(section);
        return section.ActiveStudents >= minCount
            ? new(section.Section, section.ActiveStudents, false, section.ContentViews, section.Submissions, section.Completions, section.MedianTimeOnTaskSeconds, section.Completion)
            : new(section.Section, section.ActiveStudents, true, null, null, null, null, null);
    }

    /// <summary>
    /// The inclusive range, or the problem: a malformed date names its parameter, <c>from</c> after <c>to</c> names <c>from</c>, a span
    /// over <see cref="MaxDays"/> days names <c>to</c>. A missing <c>to</c> is today (or <c>from</c> + 29 days, if earlier); a missing
    /// <c>from</c> is <c>to</c> − 29 days.
    /// </summary>
    public static ((DateOnly From, DateOnly To)? Range, Problem? Problem) ParseRange(string? from, string? to, DateOnly today)
    {
        if (!TryParse(from, out var f))
        {
            return (null, Problem.Invalid("from", "A date as YYYY-MM-DD."));
        }

        if (!TryParse(to, out var t))
        {
            return (null, Problem.Invalid("to", "A date as YYYY-MM-DD."));
        }

        var last = t ?? (f is { } start && start.AddDays(DefaultDays - 1) < today ? start.AddDays(DefaultDays - 1) : today);
        var first = f ?? last.AddDays(-(DefaultDays - 1));
        if (first > last)
        {
            return (null, Problem.Invalid("from", t is null ? "Not after today (the default 'to')." : "Not after 'to'."));
        }

        return last.DayNumber - first.DayNumber < MaxDays ? ((first, last), null) : (null, Problem.Invalid("to", $"At most {MaxDays} days from 'from', both included."));
    }

    private static bool TryParse(string? value, out DateOnly? date)
    {
        date = null;
        if (value is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && parsed.Year >= 2000)
        {
            date = parsed;
            return true;
        }

        return false;
    }

    internal static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
