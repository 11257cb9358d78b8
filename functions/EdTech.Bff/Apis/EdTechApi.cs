using EdTech.Bff.Health;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

public static class EdTechApi
{
    /// <summary>The role groups by name, so each Functions HTTP function maps exactly one of them.</summary>
    public static IReadOnlyDictionary<string, Action<IEndpointRouteBuilder>> RoleGroups { get; } = new Dictionary<string, Action<IEndpointRouteBuilder>>
    {
        ["platform"] = r => r.MapPlatformApi(),
        ["admin"] = r => r.MapAdminApi(),
        ["teacher"] = r => r.MapTeacherApi(),
        ["student"] = r => r.MapStudentApi(),
        ["content"] = r => r.MapContentApi(),
    };

    /// <summary>Everything the LocalHost serves: every role group, health and the OpenAPI documents.</summary>
    public static IEndpointRouteBuilder MapEdTechApi(this IEndpointRouteBuilder routes)
    {
        foreach (var map in RoleGroups.Values)
        {
            map(routes);
        }

        routes.MapHealth();
        routes.MapOpenApiDocuments();
        return routes.EnsureAccessTableCoversEndpoints();
    }

    /// <summary>Liveness and readiness (<see cref="HealthEndpoints"/>).</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes) => HealthEndpoints.MapHealth(routes);

    public static IEndpointRouteBuilder MapOpenApiDocuments(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi("/api/openapi/{documentName}.json").FromAccessTable();
        return routes;
    }
}
