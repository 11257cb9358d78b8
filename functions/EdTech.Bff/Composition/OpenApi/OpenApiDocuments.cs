using Microsoft.AspNetCore.OpenApi;

namespace EdTech.Bff.Composition.OpenApi;

/// <summary>
/// Everything each role's OpenAPI document gets beyond the framework's defaults, so tools accept it (validators,
/// generated clients, API Management's import): servers from configuration, the bearer scheme, operation ids and
/// summaries, problem+json error responses, valid component names. docs/openapi.md lists what is checked where.
/// </summary>
public static class OpenApiDocuments
{
    public static void Configure(OpenApiOptions options, string role, IReadOnlyList<string> servers)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ShouldInclude = d => d.GroupName == role;
        // 3.0, not the framework's default 3.1: API Management imports 3.1 documents "import-compatible only" (3.1-only
        // constructs are dropped or downgraded) and recommends 3.0.x for full fidelity; most client generators too.
        options.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_0;
        options.CreateSchemaReferenceId = OpenApiSchemaIds.Create;
        OpenApiDocumentInfo.Apply(options, role);
        OpenApiServers.Apply(options, servers);
        options.AddOperationTransformer(new OpenApiOperationNames());
        options.AddOperationTransformer(new OpenApiBearerSecurity());
        options.AddOperationTransformer(new OpenApiProblemResponses());
        options.AddSchemaTransformer(new OpenApiAnswerValueSchema());
    }
}
