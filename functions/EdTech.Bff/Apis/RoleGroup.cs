using EdTech.Bff.Http;
using EdTech.Bff.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Apis;

/// <summary>
/// The route group of one role's surface (<c>/api/{role}</c>): each API file maps its own, so the file that declares a
/// route also declares where it lives; <see cref="EdTechApi.RoleGroups"/> lists which files make up each role.
/// </summary>
public static class RoleGroup
{
    public static RouteGroupBuilder MapRoleGroup(this IEndpointRouteBuilder routes, string role)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentException.ThrowIfNullOrEmpty(role);
        // After the access table's conventions, so its course-scope filter answers before a body's problem does.
        return routes.MapGroup($"/api/{role}").FromAccessTable().AddEndpointFilterFactory(BoundBodyFilter.Create).WithGroupName(role).WithTags(role);
    }
}
