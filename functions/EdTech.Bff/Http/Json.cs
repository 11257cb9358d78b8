using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace EdTech.Bff.Http;

/// <summary>
/// A handler's JSON request body, bound once for every route: <see cref="BindAsync"/> reads it as <see cref="JsonBody"/> does
/// (415, 413, 400 naming the field), <see cref="BoundBodyFilter"/> answers that problem before the handler runs, and the
/// parameter declares the request body (<c>application/json</c>, <typeparamref name="T"/>) for the OpenAPI document.
/// The size limit is <see cref="JsonBody.DefaultMaxBytes"/> unless the parameter carries <see cref="BodyLimitAttribute"/>;
/// <see cref="MergePatchAttribute"/> also accepts <see cref="JsonBody.MergePatch"/>.
/// </summary>
public sealed class Json<T> : IBoundBody, IBindableFromHttpContext<Json<T>>, IEndpointParameterMetadataProvider
    where T : class
{
    private readonly T? _value;

    private Json(T? value, IResult? problem)
    {
        _value = value;
        Problem = problem;
    }

    /// <summary>The body; only a handler behind <see cref="BoundBodyFilter"/> reads it, so it is never read after a problem.</summary>
    public T Value => _value ?? throw new InvalidOperationException($"The body was not readable ({Problem}); map the route in a role group, whose filter answers the problem.");

    public IResult? Problem { get; }

    public static async ValueTask<Json<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parameter);
        var maxBytes = parameter.GetCustomAttribute<BodyLimitAttribute>()?.Bytes ?? JsonBody.DefaultMaxBytes;
        var (value, problem) = parameter.GetCustomAttribute<MergePatchAttribute>() is null
            ? await JsonBody.ReadAsync<T>(context.Request, maxBytes).ConfigureAwait(false)
            : await JsonBody.ReadMergePatchAsync<T>(context.Request, maxBytes).ConfigureAwait(false);
        return new Json<T>(value, problem);
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(builder);
        // A route that documents another shape than it binds (a PATCH's fields) says so with .Accepts, which comes later and wins.
        string[] contentTypes = parameter.GetCustomAttribute<MergePatchAttribute>() is null ? ["application/json"] : [JsonBody.MergePatch, "application/json"];
        builder.Metadata.Add(new AcceptsMetadata(contentTypes, typeof(T)));
    }
}
