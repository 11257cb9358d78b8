using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

public static class ContentApi
{
    /// <summary>The content team's BFF: flagged items now; tagging jobs arrive with the GenAI issue.</summary>
    public static RouteGroupBuilder MapContentApi(this IEndpointRouteBuilder routes) =>
        routes.MapGroup("/api/content").FromAccessTable().WithGroupName("content").WithTags("content").MapContentLearning();
}
