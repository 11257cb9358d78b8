using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdTech.Cli.Commands.Docs.Diagrams.Azure;
using EdTech.Cli.Tests.Commands.Telemetry;

namespace EdTech.Cli.Tests.Docs;

/// <summary>The Azure diagram shows every role assignment of the compiled Bicep, each with a known role, and the identity the app runs as.</summary>
public sealed partial class AzureResourcesTests
{
    private static readonly Lazy<JsonObject> Template = new(() => BicepBuild.CompileMain(Repo.Root()));

    private static string Page => Generated.Diagram(AzureResourcesGenerator.Slug);

    [Fact]
    public void AzureDiagram_EveryRoleAssignmentOfTheCompiledTemplate_IsATableRowAndAnArrow()
    {
        // Walked here without the generator's reader: every assignment resource in every nested template, a copy loop counted
        // by the entries of the variable it walks, each role definition GUID taken from the variables its roleDefinitionId names.
        var expected = new List<string>();
        Walk(Template.Value, expected);
        var rows = Page.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && GuidText().IsMatch(l)).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, rows.Count);
        foreach (var guid in expected.Distinct())
        {
            Assert.Equal(expected.Count(e => e == guid), rows.Count(r => r.Contains($"`{guid}`", StringComparison.Ordinal)));
        }

        var model = AzureResourcesGenerator.Read(Template.Value);
        Assert.All(model.Assignments, a => Assert.Contains(model.Graph.Edges, e => e.From == a.PrincipalId && e.To == a.ScopeId && e.Label == a.Role));
    }

    [Fact]
    public void AzureDiagram_EveryRoleDefinition_HasAKnownName()
    {
        var model = AzureResourcesGenerator.Read(Template.Value);

        var unknown = model.Assignments.Where(a => !a.RoleGuid.StartsWith("access policy", StringComparison.Ordinal) && !RoleDefinitions.Names.ContainsKey(a.RoleGuid))
            .Select(a => $"{a.RoleGuid} in module {a.Resource.Module.Name}").ToList();
        Assert.True(unknown.Count == 0, "Role definitions with no name in RoleDefinitions (a new role to name there, or a mistyped GUID in the Bicep): " + string.Join(", ", unknown));
    }

    [Fact]
    public void AzureDiagram_TheFunctionApp_RunsAsTheUserAssignedIdentityWhichHoldsTheDataRoles()
    {
        var model = AzureResourcesGenerator.Read(Template.Value);
        var graph = model.Graph;
        var site = Assert.Single(graph.Nodes, n => n.Lines[0] == "Web/sites");
        var identity = Assert.Single(graph.Nodes, n => n.Lines[0] == "ManagedIdentity/userAssignedIdentities");

        Assert.Contains(graph.Edges, e => e.From == site.Id && e.To == identity.Id && e.Label == "uses identity");
        Assert.Contains(model.Assignments, a => a.PrincipalId == identity.Id && a.Role.StartsWith("Cosmos DB Built-in Data Contributor", StringComparison.Ordinal));
        Assert.Contains(model.Assignments, a => a.PrincipalId == identity.Id && a.Role == "Azure Service Bus Data Sender");
    }

    [Theory]
    [InlineData("[parameters('name')]", "{name}")]
    [InlineData("[format('{0}/{1}', parameters('name'), 'default')]", "{name}/default")]
    [InlineData("[format('{0}/{1}/{2}', parameters('name'), parameters('databaseName'), variables('containers')[copyIndex()].name)]", "{name}/{databaseName}/{containers[i].name}")]
    [InlineData("[uniqueString(resourceGroup().id)]", "…")]
    [InlineData("plain", "plain")]
    public void Readable_NameExpressions_ShowTheirParameters(string expression, string expected)
    {
        Assert.Equal(expected, ArmTemplate.Readable(expression));
    }

    private static void Walk(JsonObject template, List<string> expected)
    {
        foreach (var (_, resource) in ArmTemplate.Resources(template))
        {
            var type = (string)resource["type"]!;
            if (type == "Microsoft.Resources/deployments")
            {
                Walk(resource["properties"]!["template"]!.AsObject(), expected);
                continue;
            }

            if (type.EndsWith("/accessPolicyAssignments", StringComparison.Ordinal))
            {
                expected.Add("access policy " + (string)resource["properties"]!["accessPolicyName"]!);
                continue;
            }

            if (!type.EndsWith("/roleAssignments", StringComparison.Ordinal) && !type.EndsWith("/sqlRoleAssignments", StringComparison.Ordinal))
            {
                continue;
            }

            var definition = (string)resource["properties"]!["roleDefinitionId"]!;
            var guids = VariableName().Matches(definition).Select(m => template["variables"]![m.Groups[1].Value]!)
                .SelectMany(v => v is JsonObject obj ? obj.Select(p => (string)p.Value!) : [(string)v!]).ToList();
            var member = VariableMember().Match(definition);
            if (member.Success)
            {
                guids = [(string)template["variables"]![member.Groups[1].Value]![member.Groups[2].Value]!];
            }

            expected.AddRange(guids);
        }
    }

    [GeneratedRegex(@"variables\('([^']+)'\)")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"variables\('([^']+)'\)\.([A-Za-z0-9_]+)")]
    private static partial Regex VariableMember();

    [GeneratedRegex(@"`([0-9a-f]{8}-[0-9a-f-]{27}|access policy [^`]+)`")]
    private static partial Regex GuidText();
}
