using EdTech.Application.Analytics;
using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>The content team's insight routes (mapped in <see cref="ContentApi"/>): the ranked "fix this first" list.</summary>
public static class ContentAnalyticsApi
{
    public static RouteGroupBuilder MapContentAnalytics(this RouteGroupBuilder api)
    {
        api.MapGet("/analytics/improvements", GetImprovements).Produces<Improvements>();
        return api;
    }

    private static async Task<IResult> GetImprovements(string? courseId, HttpContext context, GetImprovementsHandler handler) =>
        OutcomeResults.Ok(await handler.HandleAsync(context.GetCaller(), courseId, context.RequestAborted));
}
