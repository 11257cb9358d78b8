using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdTech.Cli.Commands.Docs.OpenApi;

/// <summary>
/// The role OpenAPI documents in the repository (<c>docs/api/{role}.json</c>): fetched from the real LocalHost pipeline
/// (its own Program, hosted in-process on a throwaway data folder, <see cref="LocalHostDocuments"/>) at
/// <c>GET /api/openapi/{role}.json</c>, exactly as a client team or API Management gets them, then written in a stable
/// form (<see cref="Normalize"/>). Never hand-written: the drift test regenerates them and compares.
/// </summary>
public sealed class OpenApiDocGenerator : IDocGenerator
{
    /// <summary>One document per role's Backend-for-Frontend (docs/openapi.md).</summary>
    public static IReadOnlyList<string> Roles { get; } = ["platform", "admin", "teacher", "student", "content"];

    /// <summary>Where the documents go, relative to the repository root.</summary>
    public const string Folder = "docs/api";

    private static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        // Readable text ('<', '>', apostrophes and non-ASCII as written); the files are data, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<IReadOnlyList<GeneratedDoc>> GenerateAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var documents = await LocalHostDocuments.FetchAsync(Roles, cancellationToken);
        return [.. Roles.Select(role => new GeneratedDoc($"{Folder}/{role}.json", Normalize(role, documents[role])))];
    }

    /// <summary>
    /// The served document in a form that only changes when the API does: 2-space indentation, <c>\n</c> line endings,
    /// a final newline, and <c>paths</c> and each <c>components</c> map sorted by key (ordinal), so moving a route's
    /// registration does not churn the file. Key order inside an operation or schema is the framework's (deterministic).
    /// Refuses a document with <c>servers</c>: they come only from <c>Api:PublicBaseUrls</c>, a deployment's setting
    /// that must not leak into the repository's copy.
    /// </summary>
    public static string Normalize(string role, string served)
    {
        ArgumentNullException.ThrowIfNull(served);
        var root = JsonNode.Parse(served) as JsonObject
            ?? throw new InvalidDataException($"The {role} OpenAPI document is not a JSON object.");
        if (root["servers"] is JsonArray { Count: > 0 })
        {
            throw new InvalidOperationException(
                $"The {role} OpenAPI document names servers: unset Api:PublicBaseUrls (Api__PublicBaseUrls__N) before generating the repository's documents.");
        }

        SortKeys(root, "paths");
        if (root["components"] is JsonObject components)
        {
            foreach (var name in components.Select(p => p.Key).ToList())
            {
                SortKeys(components, name);
            }
        }

        return root.ToJsonString(Output) + "\n";
    }

    private static void SortKeys(JsonObject parent, string name)
    {
        if (parent[name] is not JsonObject map)
        {
            return;
        }

        var sorted = new JsonObject();
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            map.Remove(key);
            sorted[key] = value;
        }

        parent[name] = sorted;
    }
}
