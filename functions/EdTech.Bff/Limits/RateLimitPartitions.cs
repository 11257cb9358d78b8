using System.Threading.RateLimiting;
using EdTech.Application.Records;
using EdTech.Application.Tenants;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace EdTech.Bff.Limits;

/// <summary>
/// Who shares a bucket. Runs after authentication and the tenant gate, so the tenant comes from a
/// validated token of an existing, active tenant; anonymous callers share one bucket per remote IP.
/// A request takes one token from each of its buckets or from none (<see cref="LocalTokenBuckets"/>, and the shared
/// script with Redis): one user's flood is refused by that user's bucket and takes nothing from the tenant's.
/// </summary>
public sealed class RateLimitPartitions(ITenantLimits tenants, RateLimitSettings defaults, TenantDirectory directory)
{
    public const string SubmitPolicy = "submit-per-user";

    private Func<HttpContext, BucketKey?>[]? _order;

    /// <summary>The buckets of a request, in the order they are checked (per user, then per tenant).</summary>
    public IReadOnlyList<Func<HttpContext, BucketKey?>> Order => _order ??= [ByUser, ByUserSubmissions, ByTenant, ByTenantSubmissions];

    /// <summary>The request's buckets, in <see cref="Order"/>.</summary>
    public IReadOnlyList<BucketKey> BucketsOf(HttpContext context)
    {
        var buckets = new List<BucketKey>(4);
        foreach (var partition in Order)
        {
            if (partition(context) is { } bucket)
            {
                buckets.Add(bucket);
            }
        }

        return buckets;
    }

    /// <summary>Every authenticated request: the caller's own bucket (fairness between users of one tenant).</summary>
    public BucketKey? ByUser(HttpContext context)
    {
        if (TenantOf(context) is not { } tenant || UserOf(context) is not { } user)
        {
            return null;
        }

        var limits = tenants.For(tenant);
        return new BucketKey("user", tenant, user, limits.UserTokensPerSecond, limits.UserBurst);
    }

    /// <summary>Every request: the tenant's bucket, or the remote IP's for anonymous callers.</summary>
    public BucketKey? ByTenant(HttpContext context)
    {
        if (TenantOf(context) is { } tenant)
        {
            var limits = tenants.For(tenant);
            return new BucketKey("tenant", tenant, null, limits.TenantTokensPerSecond, limits.TenantBurst);
        }

        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return new BucketKey("ip", "ip:" + ip, null, defaults.TenantTokensPerSecond, defaults.TenantBurst);
    }

    /// <summary>Submit only: each student's submissions per minute (RateLimits:SubmitPerUserPerMinute).</summary>
    public BucketKey? ByUserSubmissions(HttpContext context)
    {
        if (!IsSubmit(context) || TenantOf(context) is not { } tenant || UserOf(context) is not { } user)
        {
            // Unauthenticated: authorization answers 401 next; the IP bucket already counted it.
            return null;
        }

        var perMinute = tenants.For(tenant).SubmitPerUserPerMinute;
        return new BucketKey("submit", tenant, user, perMinute / 60.0, perMinute);
    }

    /// <summary>
    /// The tenant's submission quota (registry <c>quotas.maxSubmissionsPerMinute</c>; unset, it scales with the tenant's
    /// student cap: <see cref="TenantQuotas.SubmissionsPerMinuteFor"/>), shared by all its
    /// students, on the submit endpoint only: a bucket of a minute's quota refilled evenly, so an exam's
    /// burst fits when the quota fits the school.
    /// </summary>
    public BucketKey? ByTenantSubmissions(HttpContext context)
    {
        if (!IsSubmit(context) || TenantOf(context) is not { } tenant)
        {
            return null;
        }

        var perMinute = directory.QuotasOf(tenant).Effective().MaxSubmissionsPerMinute!.Value;
        return new BucketKey("tenant-submit", tenant, null, perMinute / 60.0, perMinute);
    }

    private static bool IsSubmit(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == SubmitPolicy;

    private static string? TenantOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(EdTechClaims.Tenant)?.Value : null;

    private static string? UserOf(HttpContext context) =>
        context.User.FindFirst(EdTechClaims.Subject)?.Value is { Length: > 0 } user ? user : null;
}
