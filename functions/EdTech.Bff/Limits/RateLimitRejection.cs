using System.Globalization;
using System.Threading.RateLimiting;
using EdTech.Application.Telemetry;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace EdTech.Bff.Limits;

/// <summary>429 as problem+json with a stable type and Retry-After in whole seconds (at least 1).</summary>
public static class RateLimitRejection
{
    public static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;

    /// <summary>Counts a 429 by tenant (the validated token's; capped, docs/observability.md) and the limit that refused it.</summary>
    public static void Throttled(HttpContext context, string limit)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tenant = context.User.FindFirst(EdTechClaims.Tenant)?.Value;
        EdTechTelemetry.Throttled.Add(1, new(TenantTag.Key, tenant is null ? "_anonymous" : TenantTag.ValueOf(tenant)), new("edtech.limit", limit));
    }

    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var seconds = RetryAfterSeconds(rejected.Lease);
        var context = rejected.HttpContext;
        Throttled(context, "rate");
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.Status(StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyRequests, "Too many requests",
            $"The request rate limit is reached; retry after {seconds} s.").ExecuteAsync(context).ConfigureAwait(false);
    }
}
