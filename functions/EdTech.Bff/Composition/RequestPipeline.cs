using EdTech.Bff.Http;
using EdTech.Bff.Limits;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Composition;

public static class RequestPipeline
{
    /// <summary>
    /// The middleware both hosts run, in order, between routing and the endpoints: errors as
    /// problem+json, security headers, CORS/HSTS, authentication, the tenant gate, rate limits, authorization.
    /// </summary>
    public static IApplicationBuilder UseEdTechRequestPipeline(this IApplicationBuilder app)
    {
        var inFlight = app.ApplicationServices.GetService<InFlightRequests>();
        if (inFlight is not null)
        {
            app.Use(inFlight.TrackAsync);
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseEdTechWebClients();
        app.UseAuthentication();
        app.UseMiddleware<TenantGateMiddleware>();
        app.UseEdTechRateLimits();
        app.UseAuthorization();
        return app;
    }
}
