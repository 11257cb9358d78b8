using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EdTech.Bff.Composition.OpenApi;

/// <summary>
/// Gives every operation an <c>operationId</c> and a <c>summary</c> unless the endpoint names one
/// (<c>.WithName</c>, <c>.WithSummary</c>). The derived id is stable and unique per document because it is built from
/// the document (role), the method and the route: <c>GET /api/teacher/courses/{courseId}/assessments</c> is
/// <c>teacher_GetCoursesByCourseIdAssessments</c>, which generated clients turn into a usable method name.
/// </summary>
internal sealed class OpenApiOperationNames : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Description.HttpMethod ?? "GET";
        var segments = RouteSegments(context.Description.RelativePath ?? string.Empty, context.DocumentName);
        if (string.IsNullOrEmpty(operation.OperationId))
        {
            operation.OperationId = $"{context.DocumentName}_{Pascal(method.ToLowerInvariant())}{string.Concat(segments.Select(IdPart))}";
        }

        if (string.IsNullOrEmpty(operation.Summary))
        {
            operation.Summary = $"{method.ToUpperInvariant()} /{string.Join('/', segments.Select(StripConstraint))} ({context.DocumentName})";
        }

        return Task.CompletedTask;
    }

    /// <summary>The route below <c>api/{role}/</c>, without query or trailing slash.</summary>
    private static List<string> RouteSegments(string relativePath, string role)
    {
        var segments = relativePath.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (segments.Count > 0 && segments[0] == "api")
        {
            segments.RemoveAt(0);
        }

        if (segments.Count > 0 && string.Equals(segments[0], role, StringComparison.OrdinalIgnoreCase))
        {
            segments.RemoveAt(0);
        }

        return segments;
    }

    private static string StripConstraint(string segment) =>
        segment.StartsWith('{') ? "{" + segment.Trim('{', '}').Split(':', '=')[0].TrimEnd('?') + "}" : segment;

    private static string IdPart(string segment) =>
        segment.StartsWith('{') ? "By" + Pascal(StripConstraint(segment).Trim('{', '}')) : Pascal(segment);

    private static string Pascal(string text) =>
        string.Concat(text.Split(['-', '_', '.', ' ', ':'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpper(w[0], CultureInfo.InvariantCulture) + w[1..]));
}
