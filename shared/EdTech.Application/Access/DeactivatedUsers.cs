using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Caching.Hybrid;

namespace EdTech.Application.Access;

/// <summary>
/// "Is this token's user deactivated?", asked by the tenant gate on every authenticated request, so it must not cost a store
/// read per request at exam peak. The answer is kept in HybridCache (docs/cache.md): in each instance's memory for
/// <see cref="AccessCacheSettings.Ttl"/> (<c>Cache:AccessSeconds</c>, default 5 s) and, with Redis, in the shared L2 for
/// <see cref="SharedLifetime"/>, so the store sees about one point read per active user per minute for the whole deployment.
/// A change of <see cref="UserRecord.Active"/> calls <see cref="ForgetAsync"/> after its write: this instance and Redis forget
/// at once, other instances' memory within the L1 time. Only an explicit <c>active:false</c> refuses: a user without a
/// record (an id the tenant never created, e.g. a token minted for a directory user not yet rostered) is let through as before.
/// </summary>
public sealed class DeactivatedUsers(HybridCache cache, IDocumentStore store, AccessCacheSettings settings)
{
    /// <summary>
    /// How long the shared L2 (Redis) keeps an answer. It bounds staleness only where a removal did not reach Redis (an outage
    /// at the moment of the change, or a load that read the record just before the change and stored its answer just after).
    /// </summary>
    public static TimeSpan SharedLifetime { get; } = TimeSpan.FromSeconds(60);

    private const string Active = "active";
    private const string Deactivated = "deactivated";

    private readonly HybridCacheEntryOptions _entry = new()
    {
        Expiration = SharedLifetime,
        LocalCacheExpiration = settings.Ttl < SharedLifetime ? settings.Ttl : SharedLifetime,
    };

    public async ValueTask<bool> IsDeactivatedAsync(TenantId tenant, string userId, CancellationToken ct)
    {
        // The platform tenant has no user records; an id that is not a resource id can never have been created.
        if (tenant == TenantId.Platform || !ResourceId.IsValid(userId))
        {
            return false;
        }

        // A string, which HybridCache serializes for its L2 without configuration.
        var state = await cache.GetOrCreateAsync(Key(tenant, userId), (Store: store, Tenant: tenant, UserId: userId),
            static async (s, token) => (await s.Store.GetAsync<UserRecord>(s.Tenant, s.UserId, token).ConfigureAwait(false))?.Value.Active == false ? Deactivated : Active,
            _entry, cancellationToken: ct).ConfigureAwait(false);
        return state == Deactivated;
    }

    /// <summary>The user's record changed: drop the cached answer here and in the shared L2.</summary>
    public ValueTask ForgetAsync(TenantId tenant, string userId, CancellationToken ct) => cache.RemoveAsync(Key(tenant, userId), ct);

    /// <summary>Carries the tenant first (docs/cache.md), as every key does.</summary>
    public static string Key(TenantId tenant, string userId) => $"t/{tenant.Value}/user-active/{userId}";
}
