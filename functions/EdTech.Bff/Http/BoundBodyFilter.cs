using Microsoft.AspNetCore.Http;

namespace EdTech.Bff.Http;

/// <summary>A request body bound before the handler runs (<see cref="Json{T}"/>): its problem, when it could not be read.</summary>
public interface IBoundBody
{
    IResult? Problem { get; }
}

/// <summary>
/// Answers a body's problem (415, 413, 400 naming the field) instead of running the handler. Installed on every role group
/// after the access-table conventions, so a caller the course scope refuses still gets its 404 first, as when each handler
/// read its own body.
/// </summary>
public static class BoundBodyFilter
{
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bodies = context.MethodInfo.GetParameters()
            .Select((p, i) => (p, i)).Where(x => typeof(IBoundBody).IsAssignableFrom(x.p.ParameterType)).Select(x => x.i).ToArray();
        if (bodies.Length == 0)
        {
            return next;
        }

        return invocation =>
        {
            foreach (var index in bodies)
            {
                if (invocation.Arguments[index] is IBoundBody { Problem: { } problem })
                {
                    return ValueTask.FromResult<object?>(problem);
                }
            }

            return next(invocation);
        };
    }
}
