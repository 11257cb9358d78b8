using Microsoft.AspNetCore.OpenApi;

namespace EdTech.Bff.Composition.OpenApi;

/// <summary>
/// The same title in both hosts (the framework's default names the entry assembly, e.g. <c>EdTech.LocalHost</c>), equal to
/// the API Management API's display name (bicep/modules/apim.bicep), so a generated client or an import reads one name.
/// </summary>
internal static class OpenApiDocumentInfo
{
    public static void Apply(OpenApiOptions options, string role) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = $"EdTech {role} API";
            document.Info.Description = $"The {role} Backend-for-Frontend. Every operation takes a bearer token; errors are application/problem+json.";
            return Task.CompletedTask;
        });
}
