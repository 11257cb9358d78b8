using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tenants;

/// <summary>
/// A tenant's time zone (<see cref="TenantRecord.TimeZone"/>, an IANA id), from the platform registry, cached per tenant for
/// <see cref="Ttl"/>: a changed zone applies to what is counted from then on within that time (per instance). A tenant not in
/// the registry, or a zone this machine's tz database lacks, is UTC.
/// </summary>
public sealed class TenantTimeZones(IDocumentStore store, TimeProvider clock)
{
    /// <summary>Time zones change about never; the usage projection asks for one per batch.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    private readonly ExpiringCache<TimeZoneInfo> _cache = new(clock, Ttl);

    public async ValueTask<TimeZoneInfo> GetAsync(TenantId tenant, CancellationToken ct)
    {
        if (tenant == TenantId.Platform)
        {
            return TimeZoneInfo.Utc;
        }

        var zone = await _cache.GetOrLoadAsync(tenant.Value, async token =>
        {
            var record = await store.GetAsync<TenantRecord>(TenantId.Platform, tenant.Value, token).ConfigureAwait(false);
            return Find(record?.Value.TimeZone);
        }, ct).ConfigureAwait(false);
        return zone ?? TimeZoneInfo.Utc;
    }

    /// <summary>The zone of an IANA id; UTC for null or an id this machine does not know.</summary>
    public static TimeZoneInfo Find(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The calendar day <paramref name="clock"/>'s now falls on in <paramref name="zone"/>.</summary>
    public static DateOnly Today(TimeZoneInfo zone, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
    }
}
