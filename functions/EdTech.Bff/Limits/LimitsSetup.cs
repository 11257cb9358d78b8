using EdTech.Bff.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdTech.Bff.Limits;

public static class LimitsSetup
{
    /// <summary>
    /// Per-tenant token buckets on every request, the tenant's submission quota and a per-user bucket on submit (policy
    /// <see cref="RateLimitPartitions.SubmitPolicy"/>), with limits from <see cref="ITenantLimits"/>
    /// (default: configuration). Register another <see cref="ITenantLimits"/> before this to use quotas.
    /// </summary>
    public static IServiceCollection AddEdTechRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = RateLimitSettings.From(configuration);
        services.AddSingleton(settings);
        services.TryAddSingleton<ITenantLimits>(new ConfiguredTenantLimits(settings));
        services.AddSingleton<RateLimitPartitions>();
        services.AddOptions<RateLimiterOptions>().Configure<RateLimitPartitions>((o, partitions) =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RateLimitRejection.WriteAsync;
            o.GlobalLimiter = System.Threading.RateLimiting.PartitionedRateLimiter.CreateChained(
                System.Threading.RateLimiting.PartitionedRateLimiter.Create<HttpContext, BucketKey>(partitions.ByTenant),
                System.Threading.RateLimiting.PartitionedRateLimiter.Create<HttpContext, BucketKey>(partitions.ByTenantSubmissions));
            o.AddPolicy(RateLimitPartitions.SubmitPolicy, partitions.ByTenantUser);
        });
        services.AddRateLimiter(_ => { });
        return services;
    }

    /// <summary>After authentication and the tenant gate: the tenant is known from a validated token only.</summary>
    public static IApplicationBuilder UseEdTechRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();
}
