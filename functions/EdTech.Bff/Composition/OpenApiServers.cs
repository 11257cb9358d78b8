using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.OpenApi;

namespace EdTech.Bff.Composition;

/// <summary>
/// The OpenAPI documents' <c>servers</c>: the configured public base URLs (<c>Api:PublicBaseUrls:N</c>, e.g. the API
/// Management gateway), never the request's Host header (which a caller chooses: a document that echoes it points
/// generated clients at any host). Without the setting the list is empty, so paths are relative to the document's URL.
/// </summary>
public static class OpenApiServers
{
    public static IReadOnlyList<string> From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = configuration.GetSection("Api:PublicBaseUrls").GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Length > 0).ToList();
        var bad = urls.FirstOrDefault(u => !Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"));
        return bad is null ? urls : throw new InvalidOperationException($"Setting 'Api:PublicBaseUrls' must hold absolute http(s) URLs; got '{bad}'.");
    }

    public static void Apply(OpenApiOptions options, IReadOnlyList<string> urls)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Servers = urls.Select(u => new OpenApiServer { Url = u.TrimEnd('/') }).ToList();
            return Task.CompletedTask;
        });
    }
}
