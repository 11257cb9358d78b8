using EdTech.Bff.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EdTech.Bff.Tests.Limits;

/// <summary>The real LocalHost with extra settings (tiny limits, CORS origins); tokens from the same data folder.</summary>
public abstract class LimitedHost : IDisposable
{
    protected LimitedHost(params (string Key, string Value)[] settings)
    {
        Factory = new ApiFactory();
        Host = Factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
    }

    public ApiFactory Factory { get; }

    public WebApplicationFactory<Program> Host { get; }

    public HttpClient CreateClient() => Host.CreateClient();

    public Task<School> CreateSchoolAsync(HttpClient client) => School.CreateAsync(Factory, client);

    public void Dispose()
    {
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>20 requests per tenant (and per anonymous IP), then one token per 100 s.</summary>
public sealed class TinyTenantLimitsHost() : LimitedHost(("RateLimits:TenantBurst", "20"), ("RateLimits:TenantTokensPerSecond", "0.01"));

/// <summary>Two submissions per student per minute; tenant limits at their generous defaults.</summary>
public sealed class TinySubmitLimitHost() : LimitedHost(("RateLimits:SubmitPerUserPerMinute", "2"));

/// <summary>A host with the given settings (for fixtures that build hosts at run time, e.g. on a Redis started first).</summary>
public sealed class ConfiguredHost(params (string Key, string Value)[] settings) : LimitedHost(settings);

/// <summary>Per-user fairness: 40 requests per tenant, 25 per user, then one token per 100 s each.</summary>
public sealed class FairnessHost() : LimitedHost(
    ("RateLimits:TenantBurst", "40"), ("RateLimits:TenantTokensPerSecond", "0.01"), ("RateLimits:UserBurst", "25"), ("RateLimits:UserTokensPerSecond", "0.01"));

public sealed class CorsHost() : LimitedHost(("Cors:AllowedOrigins:0", CorsHost.AllowedOrigin))
{
    public const string AllowedOrigin = "https://app.school.example";
}
