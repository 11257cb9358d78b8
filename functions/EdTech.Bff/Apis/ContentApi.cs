using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

public static class ContentApi
{
    /// <summary>The content team's BFF. Its routes (tagging jobs) arrive with the GenAI issue; the group and its function exist now.</summary>
    public static RouteGroupBuilder MapContentApi(this IEndpointRouteBuilder routes) =>
        routes.MapGroup("/api/content").FromAccessTable().WithGroupName("content").WithTags("content");
}
