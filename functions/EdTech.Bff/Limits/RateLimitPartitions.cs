using System.Threading.RateLimiting;
using EdTech.Application.Records;
using EdTech.Application.Tenants;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace EdTech.Bff.Limits;

/// <summary>
/// Who shares a bucket. Runs after authentication and the tenant gate, so the tenant comes from a
/// validated token of an existing, active tenant; anonymous callers share one bucket per remote IP.
/// </summary>
public sealed class RateLimitPartitions(ITenantLimits tenants, RateLimitSettings defaults, TenantDirectory directory)
{
    public const string SubmitPolicy = "submit-per-user";

    public RateLimitPartition<BucketKey> ByTenant(HttpContext context)
    {
        if (TenantOf(context) is { } tenant)
        {
            var limits = tenants.For(tenant);
            return TokenBuckets.Partition(new BucketKey("tenant", tenant, limits.TenantTokensPerSecond, limits.TenantBurst));
        }

        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return TokenBuckets.Partition(new BucketKey("ip", ip, defaults.TenantTokensPerSecond, defaults.TenantBurst));
    }

    public RateLimitPartition<BucketKey> ByTenantUser(HttpContext context)
    {
        var tenant = TenantOf(context);
        var user = context.User.FindFirst(EdTechClaims.Subject)?.Value;
        if (tenant is null || string.IsNullOrEmpty(user))
        {
            // Unauthenticated: authorization answers 401 next; the tenant bucket already counted it.
            return RateLimitPartition.GetNoLimiter(new BucketKey("none", string.Empty, 0, 0));
        }

        var perMinute = tenants.For(tenant).SubmitPerUserPerMinute;
        return TokenBuckets.Partition(new BucketKey("submit", tenant + "/" + user, perMinute / 60.0, perMinute));
    }

    /// <summary>
    /// The tenant's submission quota (registry <c>quotas.maxSubmissionsPerMinute</c>), shared by all its
    /// students, on the submit endpoint only: a bucket of a minute's quota refilled evenly, so an exam's
    /// burst fits when the quota fits the school.
    /// </summary>
    public RateLimitPartition<BucketKey> ByTenantSubmissions(HttpContext context)
    {
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        if (policy != SubmitPolicy || TenantOf(context) is not { } tenant)
        {
            return RateLimitPartition.GetNoLimiter(new BucketKey("none", string.Empty, 0, 0));
        }

        var perMinute = directory.QuotasOf(tenant).MaxSubmissionsPerMinute ?? TenantQuotas.Defaults.MaxSubmissionsPerMinute!.Value;
        return TokenBuckets.Partition(new BucketKey("tenant-submit", tenant, perMinute / 60.0, perMinute));
    }

    private static string? TenantOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(EdTechClaims.Tenant)?.Value : null;
}
