using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Http;

/// <summary>
/// Browser clients: CORS for an explicit allow-list of origins ("Cors:AllowedOrigins"; none → no CORS
/// headers at all; never any-origin) and HSTS on HTTPS requests to non-loopback hosts.
/// </summary>
public static class WebClients
{
    public const string OriginsKey = "Cors:AllowedOrigins";
    private const string Policy = "edtech-web-clients";

    public static IServiceCollection AddEdTechWebClients(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = AllowedOrigins(configuration);
        services.AddSingleton(new AllowedOriginList(origins));
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        if (origins.Count > 0)
        {
            services.AddCors(o => o.AddPolicy(Policy, p => p
                .WithOrigins([.. origins])
                .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                .WithHeaders("Authorization", "Content-Type", "Idempotency-Key", "If-Match")
                .WithExposedHeaders("ETag", "Location", "Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        }

        return services;
    }

    /// <summary>Before authentication, so a preflight (which carries no token) is answered here.</summary>
    public static IApplicationBuilder UseEdTechWebClients(this IApplicationBuilder app)
    {
        app.UseHsts();
        if (app.ApplicationServices.GetService<AllowedOriginList>() is { Origins.Count: > 0 })
        {
            app.UseCors(Policy);
        }

        return app;
    }

    /// <summary>Absolute http(s) origins without path; "*" or anything else stops start-up naming the setting.</summary>
    public static IReadOnlyList<string> AllowedOrigins(IConfiguration configuration)
    {
        var origins = new List<string>();
        foreach (var child in configuration.GetSection(OriginsKey).GetChildren())
        {
            var value = child.Value?.Trim().TrimEnd('/');
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/" || uri.Query.Length > 0)
            {
                throw new InvalidOperationException($"Setting '{OriginsKey}:{child.Key}' must be an origin like https://app.example.org (no wildcard, no path); got '{child.Value}'.");
            }

            origins.Add(uri.GetLeftPart(UriPartial.Authority));
        }

        return origins;
    }

    private sealed record AllowedOriginList(IReadOnlyList<string> Origins);
}
