using EdTech.Infrastructure.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Threading.RateLimiting;

namespace EdTech.Bff.Limits;

public static class LimitsSetup
{
    /// <summary>
    /// Per-user and per-tenant token buckets on every request, the tenant's submission quota and a per-user bucket on
    /// submit (endpoints marked with policy <see cref="RateLimitPartitions.SubmitPolicy"/>), with limits from
    /// <see cref="ITenantLimits"/> (default: configuration). Register another <see cref="ITenantLimits"/> before this
    /// to use quotas. With Redis configured the buckets are shared by all instances (<see cref="SharedRateLimiter"/>).
    /// </summary>
    public static IServiceCollection AddEdTechRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = RateLimitSettings.From(configuration);
        services.AddSingleton(settings);
        services.TryAddSingleton<ITenantLimits>(new ConfiguredTenantLimits(settings));
        services.AddSingleton<RateLimitPartitions>();
        services.AddEdTechSharedRateLimits(configuration);
        services.AddOptions<RateLimiterOptions>().Configure<RateLimitPartitions, IServiceProvider>((o, partitions, provider) =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RateLimitRejection.WriteAsync;
            var local = new LocalTokenBuckets(partitions.BucketsOf, TimeProvider.System);
            o.GlobalLimiter = new SharedRateLimiter(local, provider.GetService<SharedRateLimitStore>(), partitions);
            // A marker: the submit buckets are part of the global limiter, so they are shared with Redis too.
            o.AddPolicy(RateLimitPartitions.SubmitPolicy, _ => RateLimitPartition.GetNoLimiter(BucketKey.None));
        });
        services.AddRateLimiter(_ => { });
        return services;
    }

    /// <summary>After authentication and the tenant gate: the tenant is known from a validated token only.</summary>
    public static IApplicationBuilder UseEdTechRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();
}
