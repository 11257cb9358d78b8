namespace EdTech.Cli.Commands.Docs.Diagrams.Azure;

/// <summary>
/// Names of the role definitions the Bicep assigns, by GUID. The control-plane roles are Azure built-in roles, as listed on
/// "Azure built-in roles" (learn.microsoft.com/azure/role-based-access-control/built-in-roles); the Cosmos DB one is the
/// data-plane built-in role "Cosmos DB Built-in Data Contributor" (learn.microsoft.com/azure/cosmos-db/how-to-setup-rbac,
/// "Built-in role definitions"), a sqlRoleDefinitions id, not an Azure RBAC role. A GUID missing here is shown as unknown in the
/// diagram, and a test fails: either a new role (add its name here, from those pages) or a mistyped GUID in the Bicep.
/// </summary>
public static class RoleDefinitions
{
    public static IReadOnlyDictionary<string, string> Names { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
        ["0ad04412-c4d5-4796-b79c-f76d14c8d402"] = "Durable Task Data Contributor",
        ["5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"] = "Cognitive Services OpenAI User",
        ["69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"] = "Azure Service Bus Data Sender",
        ["4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0"] = "Azure Service Bus Data Receiver",
        ["00000000-0000-0000-0000-000000000002"] = "Cosmos DB Built-in Data Contributor (data plane)",
    };

    public static string NameOf(string id) => Names.TryGetValue(id, out var name) ? name : $"UNKNOWN role definition {id}";
}
