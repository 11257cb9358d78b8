using System.Text.Json.Nodes;
using EdTech.Bff.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NJsonSchema;
using NJsonSchema.CodeGeneration.CSharp;

namespace EdTech.Bff.Tests.OpenApi;

/// <summary>
/// What a client team does with a document: generate typed C# from its component schemas (NJsonSchema, the generator
/// behind NSwag) and compile it (Roslyn). A schema a generator cannot read or that yields code that does not compile
/// fails here, as does a component that yields no type.
/// </summary>
public sealed class OpenApiClientGenerationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Roles => OpenApiDocumentFetch.Roles;

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Document_ComponentSchemas_GenerateCSharpThatCompiles(string role)
    {
        var components = ComponentSchemas(await OpenApiDocumentFetch.GetAsync(factory, role));
        var schema = await JsonSchema.FromJsonAsync(RootOf(components).ToJsonString());
        var settings = new CSharpGeneratorSettings
        {
            Namespace = "EdTech.Client." + char.ToUpperInvariant(role[0]) + role[1..],
            JsonLibrary = CSharpJsonLibrary.SystemTextJson,
            ClassStyle = CSharpClassStyle.Poco,
            GenerateDataAnnotations = false,
        };

        var code = new CSharpGenerator(schema, settings).GenerateFile("DocumentSchemas");
        var compilation = CSharpCompilation.Create(
            $"EdTech.Client.{role}",
            [CSharpSyntaxTree.ParseText(code)],
            PlatformReferences(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);

        Assert.True(result.Success, string.Join('\n', result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var types = compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var objects = components.Where(c => IsObject(c.Value)).Select(c => TypeName(c.Key)).ToList();
        Assert.NotEmpty(objects);
        Assert.All(objects, name => Assert.Contains(name, types));
        Assert.Contains("ProblemDetails", types);
    }

    /// <summary>The document's <c>components.schemas</c> as JSON Schema definitions (references rewritten to <c>#/definitions/</c>).</summary>
    private static JsonObject ComponentSchemas(string document)
    {
        var text = JsonNode.Parse(document)!["components"]!["schemas"]!.ToJsonString()
            .Replace("\"#/components/schemas/", "\"#/definitions/", StringComparison.Ordinal);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A root object with one property per component, so the generator emits a type for every component.</summary>
    private static JsonObject RootOf(JsonObject components)
    {
        var properties = new JsonObject();
        foreach (var name in components.Select(c => c.Key))
        {
            properties[name] = new JsonObject { ["$ref"] = "#/definitions/" + name };
        }

        return new JsonObject { ["type"] = "object", ["properties"] = properties, ["definitions"] = components };
    }

    private static bool IsObject(JsonNode? schema) =>
        schema?["properties"] is JsonObject { Count: > 0 };

    /// <summary>NJsonSchema's class name for a definition key: letters and digits, each dotted part capitalised.</summary>
    private static string TypeName(string key) =>
        string.Concat(key.Split(['.', '-', '_'], StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static IEnumerable<MetadataReference> PlatformReferences() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
}
