using System.Diagnostics;
using EdTech.Application.Access;
using EdTech.Application.Analytics;
using EdTech.Application.Caching;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Application.Tenants;
using EdTech.Application.Usage;
using EdTech.Domain.Analytics;
using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using EdTech.Infrastructure.Storage.Sqlite;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Cli.Commands.Bench;

public sealed record AnalyticsBenchOptions(int Students, int Items, int Sections, int Weeks, int Skills, int Modules, int Reads, string? DataDirectory);

/// <summary>Milliseconds at the 50th and 99th percentile (nearest rank) and the largest, over <see cref="Runs"/> timed runs.</summary>
public sealed record Timing(int Runs, double P50Ms, double P99Ms, double MaxMs)
{
    public static Timing Of(IReadOnlyList<double> ms)
    {
        var sorted = ms.Order().ToList();
        double Rank(double p) => Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 2);
        return new Timing(sorted.Count, Rank(0.5), Rank(0.99), Math.Round(sorted[^1], 2));
    }
}

public sealed record AnalyticsBenchReport(
    int Students, int Items, int Sections, int Weeks, int Skills, int Modules, double SeedSeconds,
    IReadOnlyDictionary<string, Timing> Uncached, IReadOnlyDictionary<string, Timing> Cached, Timing WeeklySumsRecompute, Timing ItemSumsRecompute, Timing UsageRead, Timing Svg, int SvgCells, int SvgBytes,
    int Processors, double? LoadAverage1m);

/// <summary>
/// `edtech bench analytics`: seeds a SQLite store (in a temporary folder unless --data) with one course of N students in S
/// sections, the items spread over assessments of 20, each student's latest graded attempt in the statistics projection, the
/// analytics-weeks projection's student records (W weeks, a few skills and modules a week each) and the usage projection's days;
/// then times each heatmap kind built from the store (a cache miss: what the ≤ 20 ms target is about; every kind reads the
/// course's stored sums), the cached read, the recomputation of the weekly sums from all student records and of the item × section
/// sums from all latest attempts (what the feeds do at most once a minute per course, and a read of a stale record), the 30-day usage read, and the SVG of the item × section map.
/// One untimed run of each first (JIT).
/// </summary>
public static class AnalyticsBench
{
    private const string CourseId = "bench-analytics";
    private static readonly TenantId Tenant = new("bench-analytics");

    public static async Task<AnalyticsBenchReport> RunAsync(AnalyticsBenchOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "edtech-bench-analytics-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(directory);
        try
        {
            await using var services = new ServiceCollection()
                .AddSqliteDocumentStore(new SqliteStoreOptions(Path.Combine(directory, "edtech.db")))
                .AddHybridCache().Services
                .AddSingleton<ICacheStamps, LocalCacheStamps>()
                .AddSingleton<TeacherQueryCache>()
                .BuildServiceProvider();
            var store = services.GetRequiredService<IDocumentStore>();
            var seeded = Stopwatch.StartNew();
            var now = DateTimeOffset.UtcNow;
            await SeedAsync(store, options, now, ct);
            var seedSeconds = Math.Round(seeded.Elapsed.TotalSeconds, 1);

            var settings = new AnalyticsSettings(store, new TenantDirectory(store, TimeProvider.System, AccessCacheSettings.Default), TimeProvider.System);
            var weeks = new AnalyticsWeeksProjection(store, TimeProvider.System);
            var items = new AnalyticsItemsProjection(store, services.GetRequiredService<TeacherQueryCache>(), TimeProvider.System);
            var heatmaps = new GetHeatmapHandler(store, services.GetRequiredService<TeacherQueryCache>(), settings, weeks, items);
            await weeks.CurrentAsync(Tenant, CourseId, ct);
            var recompute = await TimeAsync(Math.Min(options.Reads, 5), async () =>
            {
                var stored = (await store.GetAsync<CourseWeeksRecord>(Tenant, CourseId, CourseId, ct))!;
                await store.ReplaceAsync(Tenant, stored.Value with { Stale = true }, stored.ETag, ct);
                await weeks.CurrentAsync(Tenant, CourseId, ct);
            });
            await items.CurrentAsync(Tenant, CourseId, ct);
            var itemsRecompute = await TimeAsync(Math.Min(options.Reads, 5), async () =>
            {
                var stored = (await store.GetAsync<CourseItemsRecord>(Tenant, CourseId, CourseId, ct))!;
                await store.ReplaceAsync(Tenant, stored.Value with { Stale = true }, stored.ETag, ct);
                await items.CurrentAsync(Tenant, CourseId, ct);
            });
            var zones = new TenantTimeZones(store, TimeProvider.System);
            var usage = new GetCourseUsageHandler(store, new UsageProjection(store, zones, TimeProvider.System), zones, settings, TimeProvider.System);
            var admin = new Caller(Tenant, "admin", new HashSet<string> { Roles.TenantAdmin });
            var uncached = new Dictionary<string, Timing>(StringComparer.Ordinal);
            var cached = new Dictionary<string, Timing>(StringComparer.Ordinal);
            Heatmap itemSection = null!;
            foreach (var kind in Heatmap.Kinds)
            {
                Heatmap built = null!;
                uncached[kind] = await TimeAsync(options.Reads, async () => built = await heatmaps.BuildAsync(Tenant, CourseId, kind, AnalyticsSettings.DefaultMinCellCount, ct));
                itemSection = kind == Heatmap.ItemSection ? built : itemSection;
                cached[kind] = await TimeAsync(options.Reads, async () => await heatmaps.HandleAsync(admin, CourseId, kind, ct));
            }

            var from = UsageDate(now.AddDays(-29));
            var usageRead = await TimeAsync(options.Reads, async () => await usage.HandleAsync(admin, CourseId, from, null, ct));
            var svgBytes = 0;
            var svg = await TimeAsync(options.Reads, () =>
            {
                svgBytes = HeatmapSvg.Render(itemSection, HeatmapSvg.TitleFor(CourseId, itemSection.Kind)).Length;
                return Task.CompletedTask;
            });
            return new AnalyticsBenchReport(options.Students, options.Items, options.Sections, options.Weeks, options.Skills, options.Modules, seedSeconds,
                uncached, cached, recompute, itemsRecompute, usageRead, svg, itemSection.Rows.Count * itemSection.Columns.Count, svgBytes, Environment.ProcessorCount, LoadAverage());
        }
        finally
        {
            if (options.DataDirectory is null)
            {
                TryDelete(directory);
            }
        }
    }

    private static async Task<Timing> TimeAsync(int runs, Func<Task> read)
    {
        await read();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await read();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return Timing.Of(times);
    }

    private static async Task SeedAsync(IDocumentStore store, AnalyticsBenchOptions o, DateTimeOffset now, CancellationToken ct)
    {
        var random = new Random(42);
        await store.CreateAsync(TenantId.Platform, new TenantRecord(Tenant.Value, "Analytics benchmark", "UTC", TenantStatus.Active, now), ct);
        await store.CreateAsync(Tenant, new CourseRecord(CourseId, "Analytics benchmark", now), ct);
        var students = Enumerable.Range(0, o.Students).Select(i => $"u{i:D5}").ToList();
        await InWindowsAsync(students.Select((s, i) => (Func<Task>)(() => store.CreateAsync(Tenant,
            new EnrollmentRecord(EnrollmentRecord.IdFor(CourseId, s), CourseId, s, Roles.Student, now, $"S{i % o.Sections:D2}"), ct))));
        await InWindowsAsync(Enumerable.Range(0, o.Modules).Select(m => (Func<Task>)(() => store.CreateAsync(Tenant,
            new ModuleRecord(ModuleRecord.IdFor(CourseId, $"m{m:D2}"), CourseId, $"m{m:D2}", $"Module {m}", m, [], "t1", now), ct))));

        const int PerAssessment = 20;
        for (var a = 0; a * PerAssessment < o.Items; a++)
        {
            var id = $"a{a:D2}";
            var items = Enumerable.Range(a * PerAssessment, Math.Min(PerAssessment, o.Items - (a * PerAssessment)))
                .Select(i => new AssessmentItem($"q{i:D3}", ItemType.SingleChoice, $"Question {i}?", ["yes", "no"], AnswerValue.OfText("yes"), null, 1, [$"k{i % o.Skills:D2}"]))
                .ToList();
            var assessment = new Assessment(id, CourseId, $"Quiz {a}", now.AddDays(-1), 0, null, null, new ReleasePolicy(ReleasePolicy.Immediate, null), items);
            await store.CreateAsync(Tenant, new AssessmentRecord(id, CourseId, 1, assessment, "t1", now), ct);
            await InWindowsAsync(students.Select(s => (Func<Task>)(() => store.CreateAsync(Tenant, new StatisticsContribution(
                $"{id}-{s}", id, CourseId, s, SubmissionStatus.Released, items.Count, null,
                [.. items.Select(i => new ItemContribution(i.Id, random.Next(2)))], 0, now), ct))));
        }

        var weeks = Enumerable.Range(0, o.Weeks).Select(w => IsoWeeks.Of(now.AddDays(-7 * (o.Weeks - 1 - w)))).ToList();
        await InWindowsAsync(students.Select(s => (Func<Task>)(() => store.CreateAsync(Tenant, StudentWeeksRecord.Empty(CourseId, s) with
        {
            Mastery = [.. weeks.SelectMany((w, i) => Enumerable.Range(0, 4).Select(k => new SkillWeekMastery(w, $"k{((i * 4) + k) % o.Skills:D2}", random.NextDouble())))],
            Modules = [.. weeks.SelectMany((w, i) => new[] { new ModuleWeek(w, $"m{i % o.Modules:D2}"), new ModuleWeek(w, $"m{(i + 1) % o.Modules:D2}") }.Distinct())],
            UpdatedAt = now,
        }, ct))));

        for (var d = 2; d < 30; d++)
        {
            var date = UsageDate(now.AddDays(-d));
            await store.CreateAsync(Tenant, new CourseUsageDayRecord(CourseUsageDayRecord.IdFor(CourseId, date), CourseId, date, o.Students / 2, o.Students, o.Students / 3, 10, 600, now), ct);
        }

        foreach (var date in new[] { UsageDate(now), UsageDate(now.AddDays(-1)) })
        {
            await InWindowsAsync(students.Select(s => (Func<Task>)(() => store.CreateAsync(Tenant,
                UsageStudentDayRecord.Empty(CourseId, date, s) with { EventIds = ["e1", "e2", "e3"], ContentViews = 2, Completions = 1, TimeOnTaskSeconds = 300 }, ct))));
        }
    }

    private static async Task InWindowsAsync(IEnumerable<Func<Task>> writes)
    {
        foreach (var window in writes.Chunk(500))
        {
            await Task.WhenAll(window.Select(w => w()));
        }
    }

    private static string UsageDate(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private static double? LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var load)
            ? load
            : null;
}
