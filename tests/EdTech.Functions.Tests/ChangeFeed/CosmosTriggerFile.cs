using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using EdTech.Application.ChangeFeed;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EdTech.Functions.Tests.ChangeFeed;

/// <summary>One [Function] of the trigger file as the compiler reads it.</summary>
internal sealed record CosmosTrigger(
    string Function, string? Database, string? Container, string? Connection, string? LeaseContainer, string? LeasePrefix, int FeedPollDelay,
    string? Handler, string? DispatchedContainer, bool HasDurableClient, bool BindsDurableClient, bool RetriesForever);

/// <summary>
/// Reads functions/EdTech.Functions/ChangeFeed/CosmosChangeFeedFunctions.cs, which compiles only with the Cosmos DB worker
/// extension (not in this package source): parsed with COSMOS_TRIGGERS defined and compiled against this build's assemblies
/// plus <see cref="AttributeShape"/>, a stand-in with the real CosmosDBTriggerAttribute's constructor and the properties used,
/// so the constants (containers, lease prefixes) and the dispatch targets are resolved as the real build resolves them.
/// The real compile runs in GitHub Actions (the azure-build job).
/// </summary>
internal static class CosmosTriggerFile
{
    /// <summary>Worker.Extensions.CosmosDB's CosmosDBTriggerAttribute: same namespace, constructor and property types.</summary>
    public const string AttributeShape = """
        namespace Microsoft.Azure.Functions.Worker;
        [System.AttributeUsage(System.AttributeTargets.Parameter)]
        public sealed class CosmosDBTriggerAttribute(string databaseName, string containerName) : System.Attribute
        {
            public string ContainerName { get; } = containerName;
            public string DatabaseName { get; } = databaseName;
            public string? Connection { get; set; }
            public string? LeaseContainerName { get; set; }
            public string? LeaseDatabaseName { get; set; }
            public string? LeaseConnection { get; set; }
            public bool CreateLeaseContainerIfNotExists { get; set; }
            public int LeasesContainerThroughput { get; set; }
            public string? LeaseContainerPrefix { get; set; }
            public int FeedPollDelay { get; set; }
            public int LeaseRenewInterval { get; set; }
            public int LeaseAcquireInterval { get; set; }
            public int LeaseExpirationInterval { get; set; }
            public int MaxItemsPerInvocation { get; set; }
            public bool StartFromBeginning { get; set; }
            public string? StartFromTime { get; set; }
            public string? PreferredLocations { get; set; }
        }
        """;

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    public static string RealPath => Path.Combine(RepoPaths.Root(), "functions", "EdTech.Functions", "ChangeFeed", "CosmosChangeFeedFunctions.cs");

    public static string ReadReal() => File.ReadAllText(RealPath);

    public static CSharpCompilation Compile(string source)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: ["COSMOS_TRIGGERS"]);
        var usings = CSharpSyntaxTree.ParseText("global using System; global using System.Collections.Generic; global using System.Linq; global using System.Threading; global using System.Threading.Tasks;", options);
        return CSharpCompilation.Create(
            "CosmosTriggerFile",
            [CSharpSyntaxTree.ParseText(source, options, path: "CosmosChangeFeedFunctions.cs"), CSharpSyntaxTree.ParseText(AttributeShape, options), usings],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    public static IReadOnlyList<CosmosTrigger> Parse(string source)
    {
        var compilation = Compile(source);
        var tree = compilation.SyntaxTrees[0];
        var model = compilation.GetSemanticModel(tree);
        return tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Select(m => (Method: m, Function: Attribute(m.AttributeLists, "Function")))
            .Where(x => x.Function is not null)
            .Select(x => Read(model, x.Method, x.Function!))
            .ToList();
    }

    private static CosmosTrigger Read(SemanticModel model, MethodDeclarationSyntax method, AttributeSyntax function)
    {
        var name = Constant<string>(model, Positional(function, 0)) ?? method.Identifier.Text;
        var trigger = method.ParameterList.Parameters.Select(p => Attribute(p.AttributeLists, "CosmosDBTrigger")).SingleOrDefault(a => a is not null);
        var durableParameter = method.ParameterList.Parameters.FirstOrDefault(p => Attribute(p.AttributeLists, "DurableClient") is not null);
        var retry = Attribute(method.AttributeLists, "ExponentialBackoffRetry") ?? Attribute(method.AttributeLists, "FixedDelayRetry");
        var dispatch = method.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .FirstOrDefault(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "DispatchAsync" });
        var binds = durableParameter is not null && method.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i =>
            i.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "Bind" }
            && i.ArgumentList.Arguments.Any(a => a.Expression is IdentifierNameSyntax id && id.Identifier.Text == durableParameter.Identifier.Text));
        return new CosmosTrigger(
            name,
            Constant<string>(model, Positional(trigger, 0)),
            Constant<string>(model, Positional(trigger, 1)),
            Constant<string>(model, Named(trigger, "Connection")),
            Constant<string>(model, Named(trigger, "LeaseContainerName")),
            Constant<string>(model, Named(trigger, "LeaseContainerPrefix")),
            Constant<int?>(model, Named(trigger, "FeedPollDelay")) ?? 0,
            dispatch is null ? null : HandlerName(model, dispatch.ArgumentList.Arguments.ElementAtOrDefault(0)?.Expression),
            dispatch is null ? null : Constant<string>(model, dispatch.ArgumentList.Arguments.ElementAtOrDefault(1)?.Expression),
            durableParameter is not null,
            binds,
            retry is not null && Constant<int?>(model, Positional(retry, 0)) == -1);
    }

    /// <summary>The consumer a DispatchAsync call names: a ChangeFeedCatalog member (read from the catalog itself) or a constant name.</summary>
    private static string? HandlerName(SemanticModel model, ExpressionSyntax? expression)
    {
        if (expression is null)
        {
            return null;
        }

        if (Constant<string>(model, expression) is { } constant)
        {
            return constant;
        }

        var symbol = model.GetSymbolInfo(expression).Symbol;
        if (symbol is IPropertySymbol or IFieldSymbol && symbol.IsStatic && symbol.ContainingType?.ToDisplayString() == typeof(ChangeFeedCatalog).FullName)
        {
            var member = typeof(ChangeFeedCatalog).GetMember(symbol.Name, BindingFlags.Public | BindingFlags.Static).Single();
            var value = member is PropertyInfo p ? p.GetValue(null) : ((FieldInfo)member).GetValue(null);
            return (value as ChangeFeedConsumer)?.Name;
        }

        return null;
    }

    private static T? Constant<T>(SemanticModel model, ExpressionSyntax? expression)
    {
        if (expression is null)
        {
            return default;
        }

        var value = model.GetConstantValue(expression);
        return value.HasValue && value.Value is T typed ? typed : default;
    }

    private static AttributeSyntax? Attribute(SyntaxList<AttributeListSyntax> lists, string name) =>
        lists.SelectMany(l => l.Attributes).FirstOrDefault(a =>
        {
            var simple = a.Name switch
            {
                QualifiedNameSyntax q => q.Right.Identifier.Text,
                SimpleNameSyntax s => s.Identifier.Text,
                _ => a.Name.ToString(),
            };
            return simple == name || simple == name + "Attribute";
        });

    private static ExpressionSyntax? Positional(AttributeSyntax? attribute, int index) =>
        attribute?.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ElementAtOrDefault(index)?.Expression;

    private static ExpressionSyntax? Named(AttributeSyntax? attribute, string name) =>
        attribute?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == name)?.Expression;

    /// <summary>The framework (this process's trusted assemblies) and every managed assembly of this test's output.</summary>
    private static List<MetadataReference> LoadReferences()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var output = Directory.GetFiles(AppContext.BaseDirectory, "*.dll");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var references = new List<MetadataReference>();
        foreach (var path in framework.Concat(output))
        {
            // In the Azure build the real extension is in the output: the stand-in shape replaces it, so both builds compile alike.
            if (seen.Add(Path.GetFileName(path)) && IsManagedAssembly(path)
                && !Path.GetFileName(path).Equals("Microsoft.Azure.Functions.Worker.Extensions.CosmosDB.dll", StringComparison.OrdinalIgnoreCase))
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
        }

        return references;
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            return pe.HasMetadata && pe.GetMetadataReader().IsAssembly;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
