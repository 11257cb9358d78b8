using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EdTech.Cli.Commands.Docs.Diagrams.Azure;

/// <summary>
/// docs/architecture/diagrams/azure-resources.md (+ .svg): what bicep/main.bicep deploys, read from the template the Bicep CLI
/// compiles (modules flattened): the resources of each module, the managed identities and every role assignment (principal →
/// role → scope), which resource runs as which identity, and which module reads which module's outputs.
/// </summary>
public sealed partial class AzureResourcesGenerator : IDocGenerator
{
    public const string Slug = "azure-resources";
    public const string DeployerNode = "principal_deployer";
    private const string IdentityType = "Microsoft.ManagedIdentity/userAssignedIdentities";
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One role assignment as deployed: who, which role (by GUID and name), on what, and under which condition.</summary>
    public sealed record RoleAssignment(ArmResource Resource, string PrincipalId, string Principal, string RoleGuid, string Role, string ScopeId, string Scope, string? Condition);

    public sealed record AzureModel(DiagramGraph Graph, IReadOnlyList<RoleAssignment> Assignments);

    public Task<IReadOnlyList<GeneratedDoc>> GenerateAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var model = Read(BicepBuild.CompileMain(repositoryRoot));
        var table = new StringBuilder();
        table.Append("## Role assignments\n\n| principal | role | role definition | scope | module | deployed |\n|---|---|---|---|---|---|\n");
        foreach (var a in model.Assignments)
        {
            table.Append("| ").Append(DiagramPage.Cell(a.Principal)).Append(" | ").Append(DiagramPage.Cell(a.Role)).Append(" | `").Append(a.RoleGuid).Append("` | ")
                .Append(DiagramPage.Cell(a.Scope)).Append(" | ").Append(a.Resource.Module.Name).Append(" | ")
                .Append(a.Condition is null ? "always" : DiagramPage.Cell("when " + a.Condition)).Append(" |\n");
        }

        var page = new DiagramPage(Slug, model.Graph,
            $"{BicepBuild.MainFile} compiled to an ARM template by the Bicep CLI (the version .ci/bicep uses), modules flattened",
            [
                "**Columns**: one per Bicep module (a nested deployment of the compiled template); a box is a resource: its type (without `Microsoft.`), its name with the parameters it is built from in braces, and `copy` for a resource declared in a loop, `if` for a conditional one.",
                "**Role assignments** are arrows from the principal to the resource the role is scoped to, labelled with the role (dotted when the assignment is conditional, e.g. only when the deployer's `principalId` is given). Role names come from the GUIDs in the template (RoleDefinitions.cs names its sources); the table below lists every assignment.",
                "**uses identity**: a resource configured with the user-assigned identity (the Function app runs as it).",
                "**uses outputs**: a module given another module's outputs as parameters (the Function app's settings are built from them).",
                "Resources only Azure names at deployment time (unique suffixes) are shown by the expression their name is built from.",
            ],
            table.ToString(),
            "TB");
        return Task.FromResult(page.Render());
    }

    public static AzureModel Read(JsonObject template)
    {
        var resources = ArmTemplate.Flatten(template);
        var graph = new DiagramGraph("Azure resources, identities and roles");
        var modules = resources.Select(r => r.Module).DistinctBy(m => m.Name).ToList();
        foreach (var module in modules)
        {
            graph.Group(DiagramGraph.IdFor("m", module.Name), module.Parent is null ? "main.bicep" : $"module {module.Name}");
        }

        graph.Node(DeployerNode, null, "principalId parameter", "the deploying user or CI principal", "(roles only when it is given)");
        var assignmentsFirst = resources.Where(IsAssignment).ToList();
        foreach (var resource in resources.Where(r => !IsAssignment(r)))
        {
            var lines = new List<string> { resource.Type.Replace("Microsoft.", string.Empty, StringComparison.Ordinal), ArmTemplate.Readable(resource.NameExpression, resource.Module) };
            if (resource.Copy is { } copy)
            {
                lines.Add($"copy: {CopyCount(resource.Module, copy)}");
            }

            if (resource.Condition is { } condition)
            {
                lines.Add("if: " + Condition(condition));
            }

            if (resource.Json["identity"]?["type"] is JsonValue identity && ((string?)identity ?? string.Empty).Contains("SystemAssigned", StringComparison.Ordinal))
            {
                lines.Add("system-assigned identity");
            }

            graph.Node(resource.Id, DiagramGraph.IdFor("m", resource.Module.Name), [.. lines]);
        }

        var assignments = new List<RoleAssignment>();
        foreach (var resource in assignmentsFirst)
        {
            assignments.AddRange(Assignments(resource, resources, graph));
        }

        foreach (var a in assignments)
        {
            graph.Edge(a.PrincipalId, a.ScopeId, a.Role, a.Condition is null ? EdgeStyle.Solid : EdgeStyle.Dotted);
        }

        IdentityUse(resources, graph);
        foreach (var module in modules.Where(m => m.Parent is not null))
        {
            var used = module.Given.Select(p => p.Value?["value"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty)
                .SelectMany(ArmTemplate.ModulesReferenced).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            foreach (var other in used.Where(o => modules.Any(m => m.Name == o)))
            {
                graph.Edge(DiagramGraph.IdFor("m", module.Name), DiagramGraph.IdFor("m", other), "uses outputs", EdgeStyle.Dotted);
            }
        }

        return new AzureModel(graph, assignments);
    }

    /// <summary>Role assignments (Azure RBAC), Cosmos DB data-plane role assignments and Redis access-policy assignments.</summary>
    public static bool IsAssignment(ArmResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Type.EndsWith("/roleAssignments", StringComparison.OrdinalIgnoreCase)
            || resource.Type.EndsWith("/sqlRoleAssignments", StringComparison.OrdinalIgnoreCase)
            || resource.Type.EndsWith("/accessPolicyAssignments", StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<RoleAssignment> Assignments(ArmResource resource, IReadOnlyList<ArmResource> all, DiagramGraph graph)
    {
        var properties = resource.Json["properties"]?.AsObject() ?? [];
        var principalExpression = (string?)properties["principalId"] ?? (string?)properties["user"]?["objectId"] ?? string.Empty;
        var (principalId, principal) = Principal(resource, principalExpression, all);
        var scopeExpression = (string?)resource.Json["scope"] ?? (string?)properties["scope"];
        var scopeType = ArmTemplate.ResourceTypeOf(scopeExpression) ?? resource.Type[..resource.Type.LastIndexOf('/')];
        var scope = all.Where(r => !IsAssignment(r) && r.Type.Equals(scopeType, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Module == resource.Module ? 0 : 1).FirstOrDefault();
        string scopeId;
        if (scope is not null)
        {
            scopeId = scope.Id;
        }
        else
        {
            // A scope outside the template (an existing resource): a box of its own in the assignment's module.
            scopeId = DiagramGraph.IdFor("existing_" + resource.Module.Name, scopeType);
            if (!graph.Has(scopeId))
            {
                graph.Node(scopeId, DiagramGraph.IdFor("m", resource.Module.Name), scopeType.Replace("Microsoft.", string.Empty, StringComparison.Ordinal), "(existing, not deployed here)");
            }
        }

        var scopeLabel = $"{scopeType.Replace("Microsoft.", string.Empty, StringComparison.Ordinal)} {(scope is null ? "(existing)" : ArmTemplate.Readable(scope.NameExpression, scope.Module))}";
        var condition = resource.Condition is { } c ? Condition(c) : null;
        if (resource.Type.EndsWith("/accessPolicyAssignments", StringComparison.OrdinalIgnoreCase))
        {
            var policy = (string?)properties["accessPolicyName"] ?? "?";
            yield return new RoleAssignment(resource, principalId, principal, "access policy " + policy, $"Redis access policy '{policy}'", scopeId, scopeLabel, condition);
            yield break;
        }

        foreach (var guid in RoleGuids(resource.Module, (string?)properties["roleDefinitionId"] ?? string.Empty))
        {
            yield return new RoleAssignment(resource, principalId, principal, guid, RoleDefinitions.NameOf(guid), scopeId, scopeLabel, condition);
        }
    }

    /// <summary>
    /// The role definition GUIDs a roleDefinitionId expression names: a variable holding one, a member of a variable object, or
    /// each value of a variable object a copy loop walks (<c>items(variables('roles'))[copyIndex()].value</c>), in ARM's key order.
    /// </summary>
    public static IReadOnlyList<string> RoleGuids(ArmModule module, string expression)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(expression);
        if (LoopedVariable().Match(expression) is { Success: true } loop && module.VariableNode(loop.Groups[1].Value) is JsonObject values)
        {
            return [.. values.OrderBy(v => v.Key, StringComparer.OrdinalIgnoreCase).Select(v => (string?)v.Value ?? string.Empty)];
        }

        if (VariableMember().Match(expression) is { Success: true } member && module.VariableNode(member.Groups[1].Value) is JsonObject obj)
        {
            return [(string?)obj[member.Groups[2].Value] ?? string.Empty];
        }

        if (VariableRef().Match(expression) is { Success: true } variable && module.Variable(variable.Groups[1].Value) is { } value)
        {
            return [value];
        }

        return Guid().Matches(expression).Select(m => m.Value).LastOrDefault() is { } literal ? [literal] : [$"unreadable: {expression}"];
    }

    private static (string Id, string Label) Principal(ArmResource resource, string expression, IReadOnlyList<ArmResource> all)
    {
        if (ArmTemplate.ParameterOf(expression) is { } parameter)
        {
            var given = resource.Module.GivenExpression(parameter);
            if (given is not null && ArmTemplate.ModulesReferenced(given).FirstOrDefault() is { } source
                && all.FirstOrDefault(r => r.Module.Name == source && r.Type.Equals(IdentityType, StringComparison.OrdinalIgnoreCase)) is { } identity)
            {
                return (identity.Id, $"managed identity {ArmTemplate.Readable(identity.NameExpression, identity.Module)} (module {source})");
            }

            if (ArmTemplate.ParameterOf(given) is { } rootParameter)
            {
                return (DeployerNode, $"{rootParameter} parameter (deployer)");
            }
        }

        if (expression.Contains(".identity.principalId", StringComparison.Ordinal) && ArmTemplate.ResourceTypeOf(expression) is { } type
            && all.FirstOrDefault(r => r.Module == resource.Module && r.Type.Equals(type, StringComparison.OrdinalIgnoreCase)) is { } owner)
        {
            return (owner.Id, $"system identity of {owner.Type.Replace("Microsoft.", string.Empty, StringComparison.Ordinal)} {ArmTemplate.Readable(owner.NameExpression, owner.Module)}");
        }

        return (DeployerNode, $"unreadable principal {expression}");
    }

    /// <summary>Edges from each resource configured with a parameter that carries the user-assigned identity (its id or client id) to that identity.</summary>
    private static void IdentityUse(IReadOnlyList<ArmResource> all, DiagramGraph graph)
    {
        foreach (var resource in all.Where(r => !IsAssignment(r) && r.Module.Parent is not null))
        {
            var text = resource.Json.ToJsonString(Unescaped);
            foreach (var (parameter, value) in resource.Module.Given)
            {
                var given = value?["value"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                if (given is null || !text.Contains($"parameters('{parameter}')", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var source in ArmTemplate.ModulesReferenced(given))
                {
                    if (all.FirstOrDefault(r => r.Module.Name == source && r.Type.Equals(IdentityType, StringComparison.OrdinalIgnoreCase)) is { } identity && identity != resource)
                    {
                        graph.Edge(resource.Id, identity.Id, "uses identity", EdgeStyle.Dotted);
                    }
                }
            }
        }
    }

    private static string CopyCount(ArmModule module, JsonObject copy)
    {
        var count = (string?)copy["count"] ?? string.Empty;
        if (CountOfVariable().Match(count) is { Success: true } m)
        {
            var node = module.VariableNode(m.Groups[2].Value);
            var n = node switch { JsonArray a => a.Count, JsonObject o => o.Count, _ => -1 };
            if (n >= 0)
            {
                return $"{n}× ({copy["name"]})";
            }
        }

        return $"loop ({copy["name"]})";
    }

    private static string Condition(string expression) =>
        NotEmptyParameter().Match(expression) is { Success: true } m ? $"{m.Groups[1].Value} given" : ArmTemplate.Readable(expression);

    [GeneratedRegex(@"items\(variables\('([^']+)'\)\)\[copyIndex\(\)\]\.value")]
    private static partial Regex LoopedVariable();

    [GeneratedRegex(@"variables\('([^']+)'\)\.([A-Za-z0-9_]+)")]
    private static partial Regex VariableMember();

    [GeneratedRegex(@"variables\('([^']+)'\)")]
    private static partial Regex VariableRef();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"^length\((items\()?variables\('([^']+)'\)\)?\)$")]
    private static partial Regex CountOfVariable();

    [GeneratedRegex(@"^\[not\(empty\(parameters\('([^']+)'\)\)\)\]$")]
    private static partial Regex NotEmptyParameter();
}
