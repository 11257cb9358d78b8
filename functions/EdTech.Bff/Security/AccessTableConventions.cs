using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace EdTech.Bff.Security;

public static class AccessTableConventions
{
    /// <summary>
    /// Every endpoint mapped through <paramref name="builder"/> (a route group or one endpoint) takes its
    /// authorization from its <see cref="AccessTable"/> row: the row's policy (or anonymous) and the row
    /// itself as metadata. An endpoint without a row fails when endpoints are built, i.e. at start-up.
    /// </summary>
    public static TBuilder FromAccessTable<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var rule = RuleFor(endpoint);
            endpoint.Metadata.Add(rule);
            if (rule.Policy is null)
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }
            else
            {
                endpoint.Metadata.Add(rule.Policy);
            }

            if (rule.Scope == AccessScope.Course)
            {
                CourseScopeFilter.EnsureRouteNamesACourse(rule);
                var filter = new CourseScopeFilter(rule);
                endpoint.FilterFactories.Add((_, next) => invocation => filter.InvokeAsync(invocation, next));
            }
        });
        return builder;
    }

    /// <summary>Builds every endpoint now, so a missing row stops the host at start-up rather than at the first request.</summary>
    public static IEndpointRouteBuilder EnsureAccessTableCoversEndpoints(this IEndpointRouteBuilder routes)
    {
        foreach (var endpoint in routes.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<AccessRule>() is null)
            {
                throw MissingRow(string.Join(",", endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]), endpoint.RoutePattern.RawText);
            }
        }

        return routes;
    }

    private static AccessRule RuleFor(EndpointBuilder endpoint)
    {
        var pattern = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText;
        var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
        if (pattern is null || methods.Count != 1)
        {
            throw MissingRow(string.Join(",", methods), pattern);
        }

        return AccessTable.Find(methods[0], pattern) ?? throw MissingRow(methods[0], pattern);
    }

    private static InvalidOperationException MissingRow(string method, string? pattern) =>
        new($"Endpoint '{method} {pattern}' has no row in {nameof(AccessTable)}.{nameof(AccessTable.Rows)}; add one (see docs/authorization.md).");
}
