using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Composition;

public static class RequestPipeline
{
    /// <summary>
    /// The middleware both hosts run, in order, between routing and the endpoints: errors as
    /// problem+json, security headers, authentication, the tenant gate, authorization.
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
        app.UseAuthentication();
        app.UseMiddleware<TenantGateMiddleware>();
        app.UseAuthorization();
        return app;
    }
}
