using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EdTech.Bff.Composition.OpenApi;

/// <summary>
/// The error responses every route can give, as <c>application/problem+json</c> with one shared <c>ProblemDetails</c>
/// schema component: 400 (unreadable body or query), 422 (a field fails validation; <c>errors</c> names it), 429 (rate
/// limit), and on authenticated routes 401 and 403; 404 on routes with a path parameter (another tenant's or an unknown
/// id). Responses the endpoint already declares are kept.
/// </summary>
internal sealed class OpenApiProblemResponses : IOpenApiOperationTransformer
{
    public const string SchemaName = "ProblemDetails";
    private const string ProblemJson = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var document = context.Document ?? throw new InvalidOperationException("The operation transformer needs the document being built.");
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(SchemaName, ProblemSchema());
        var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
        var hasPathParameter = (context.Description.RelativePath ?? string.Empty).Contains('{', StringComparison.Ordinal);
        operation.Responses ??= [];
        Add(operation, document, "400", "The request body or a query parameter could not be read.");
        if (!anonymous)
        {
            Add(operation, document, "401", "No valid bearer token.");
            Add(operation, document, "403", "The token's role or scope does not allow this route.");
        }

        if (hasPathParameter)
        {
            Add(operation, document, "404", "Not found in the caller's tenant.");
        }

        Add(operation, document, "422", "A field fails validation; the problem's errors name it.");
        Add(operation, document, "429", "Rate limit reached; retry after the Retry-After header.");
        return Task.CompletedTask;
    }

    private static void Add(OpenApiOperation operation, OpenApiDocument document, string status, string description) =>
        operation.Responses!.TryAdd(status, new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = new OpenApiSchemaReference(SchemaName, document) },
            },
        });

    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object | JsonSchemaType.Null,
                Description = "Per field (e.g. items[2].text), the validation messages.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };
}
