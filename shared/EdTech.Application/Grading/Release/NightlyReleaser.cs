using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Grading.Release;

/// <summary>The tenant-local hour of the nightly release sweep (<c>Release:NightlyHour</c>, 0-23, default 2 = 02:00).</summary>
public sealed record NightlyReleaseSettings(int Hour)
{
    public static NightlyReleaseSettings Default { get; } = new(2);

    public static NightlyReleaseSettings From(string? hour)
    {
        // The parse result in a plain local, so every mutant of the condition compiles (h is assigned either way).
        var parsed = int.TryParse(hour, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var h);
        return parsed && h is >= 0 and <= 23 ? new(h) : Default;
    }
}

/// <summary>
/// The nightly release, run hourly: each tenant whose nightly instant (its local date at <see cref="NightlyReleaseSettings.Hour"/>,
/// in its registry time zone) fell in the hour just ended gets the due-release sweep. Each tenant is picked exactly once per
/// local day, DST included: a nightly time that does not exist (clocks go forward) moves to the first time that does, and one
/// that happens twice (clocks go back) counts at its first occurrence.
/// </summary>
public sealed class NightlyReleaser(IDocumentStore store, DueResultsReleaser releaser, NightlyReleaseSettings settings, TimeProvider clock, ILogger<NightlyReleaser> logger)
{
    public async Task<int> ReleaseAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var tenants = await store.QueryAsync<TenantRecord>(TenantId.Platform, DocumentQuery.All, ct).ConfigureAwait(false);
        var started = 0;
        foreach (var tenant in tenants.Select(t => t.Value).Where(t => IsNightlyHour(t.TimeZone, settings.Hour, now)))
        {
            logger.LogInformation("Nightly release for {TenantId} ({TimeZone})", tenant.Id, tenant.TimeZone);
            started += await releaser.ReleaseDueAsync(new TenantId(tenant.Id), ct).ConfigureAwait(false);
        }

        return started;
    }

    /// <summary>
    /// Whether the tenant's nightly instant lies in the hour that ends at <paramref name="now"/> rounded to the hour
    /// (so a timer firing a little early or late still covers each hour once).
    /// </summary>
    public static bool IsNightlyHour(string timeZoneId, int hour, DateTimeOffset now)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            zone = TimeZoneInfo.Utc;
        }

        var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        if (now - end >= TimeSpan.FromMinutes(30))
        {
            end = end.AddHours(1);
        }

        var start = end.AddHours(-1);
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(end, zone).DateTime);
        return new[] { localDate.AddDays(-1), localDate }.Select(d => NightlyInstant(zone, d, hour)).Any(i => i > start && i <= end);
    }

    public static DateTimeOffset NightlyInstant(TimeZoneInfo zone, DateOnly date, int hour)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(new TimeOnly(hour, 0));
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        // Ambiguous: the larger offset is the earlier instant (the first occurrence).
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
