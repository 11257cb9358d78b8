using System.Reflection;
using System.Text;
using EdTech.Application.Storage;
using EdTech.Infrastructure.Cosmos;

namespace EdTech.Cli.Commands.Docs.Diagrams;

/// <summary>
/// docs/architecture/diagrams/data-model.md (+ .svg): every container (Containers.All, the list both stores and the Bicep read),
/// its partition key (the Cosmos store's hierarchical paths, CosmosItems, and what each record type puts in the second level:
/// its PartitionKey, read from the compiled getter), the record types kept in it (every IStoredRecord, by its static Container)
/// and the fields it is queried on (QueriedFields.ByContainer, which the stores enforce and Cosmos indexes).
/// </summary>
public sealed class DataModelGenerator : IDocGenerator
{
    public const string Slug = "data-model";

    /// <summary>A record type and what its PartitionKey is made of.</summary>
    public sealed record StoredRecordType(Type Type, string Container, string PartitionKey);

    private static readonly (string Key, string Group, string Label)[] KeyGroups =
    [
        ("CourseId", "by_course", "Partitioned by course"),
        ("UserId", "by_user", "Partitioned by user"),
        ("Id", "by_id", "One partition per document (its id)"),
    ];

    public Task<IReadOnlyList<GeneratedDoc>> GenerateAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var records = RecordTypes();
        var graph = Build(records);
        var table = new StringBuilder();
        table.Append("## Containers\n\n| container | partition key: ").Append(CosmosItems.TenantPath).Append(" then ").Append(CosmosItems.PartitionPath)
            .Append(" = | record types | queried fields |\n|---|---|---|---|\n");
        foreach (var container in Containers.All.Order(StringComparer.Ordinal))
        {
            var mine = records.Where(r => r.Container == container).ToList();
            table.Append("| `").Append(container).Append("` | ")
                .Append(DiagramPage.Cell(string.Join("; ", mine.Select(r => r.PartitionKey).Distinct()))).Append(" | ")
                .Append(DiagramPage.Cell(string.Join(", ", mine.Select(r => r.Type.Name)))).Append(" | ")
                .Append(DiagramPage.Cell(string.Join(", ", Queried(container)))).Append(" |\n");
        }

        var page = new DiagramPage(Slug, graph,
            "Containers.All and every IStoredRecord's Container and PartitionKey (shared/EdTech.Application), QueriedFields.ByContainer and the Cosmos " +
            "store's partition key paths (shared/EdTech.Infrastructure.Cosmos/CosmosItems.cs)",
            [
                $"**Partition key**: every container is keyed hierarchically, `{CosmosItems.TenantPath}` then `{CosmosItems.PartitionPath}` (Cosmos MultiHash), so no two tenants share a logical partition; the SQLite store keys rows by (tenant, container, id) with the same partition column. A box's `key` line is what the second level holds for the records kept there (a record's `PartitionKey`).",
                "**Columns**: containers grouped by that second level (course, user, the document's own id, anything else).",
                "**records**: the record types (IStoredRecord) kept in the container; a container with none holds documents written without a record type.",
                "**queried**: the fields the container is queried on, the only ones the stores accept in a query and the only ones Cosmos indexes (besides the key paths and id).",
                $"Not shown: the change-feed lease container `{CosmosStoreOptions.LeaseContainer}` (Cosmos only, keyed `/id`), which holds no records.",
            ],
            table.ToString());
        return Task.FromResult(page.Render());
    }

    public static DiagramGraph Build(IReadOnlyList<StoredRecordType> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var graph = new DiagramGraph("Data model: containers, partition keys and records");
        foreach (var (_, group, label) in KeyGroups)
        {
            graph.Group(group, label);
        }

        graph.Group("by_other", "Partitioned by another key");
        foreach (var container in Containers.All.Order(StringComparer.Ordinal))
        {
            var mine = records.Where(r => r.Container == container).ToList();
            var keys = mine.Select(r => r.PartitionKey).Distinct(StringComparer.Ordinal).ToList();
            var group = keys.Count == 1 ? KeyGroups.FirstOrDefault(k => k.Key == keys[0]).Group ?? "by_other" : "by_other";
            var lines = new List<string> { container, "key: tenantId / " + (keys.Count == 0 ? "(no record type)" : string.Join(" | ", keys)) };
            lines.AddRange(mine.Count == 0 ? ["records: none declared"] : mine.Select(r => "record: " + r.Type.Name));
            if (Queried(container) is { Count: > 0 } fields)
            {
                lines.Add("queried: " + string.Join(", ", fields));
            }

            graph.Node(DiagramGraph.IdFor("c", container), group, [.. lines]);
        }

        return graph;
    }

    /// <summary>
    /// Every IStoredRecord in the application's assemblies, with its container (the static Container every record type declares,
    /// the store's registration of where it lives) and its partition key, sorted by container then name.
    /// </summary>
    public static IReadOnlyList<StoredRecordType> RecordTypes()
    {
        var assemblies = new[] { typeof(IStoredRecord).Assembly, typeof(CosmosItems).Assembly, typeof(Bff.Apis.EdTechApi).Assembly, typeof(Orchestrations.OrchestrationCatalog).Assembly }
            .Distinct();
        var records = new List<StoredRecordType>();
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IStoredRecord).IsAssignableFrom(t)))
        {
            var container = type.GetProperty(nameof(IStoredRecord.Container), BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string
                ?? throw new InvalidOperationException($"{type.FullName} declares no static Container.");
            records.Add(new StoredRecordType(type, container, PartitionKeyOf(type)));
        }

        return [.. records.OrderBy(r => r.Container, StringComparer.Ordinal).ThenBy(r => r.Type.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// What a record's PartitionKey getter returns, from its compiled body: the property it returns ("CourseId"), or the method it
    /// computes the key with and the properties passed to it ("PartitionFor(CourseId, Date)").
    /// </summary>
    public static string PartitionKeyOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var getter = type.GetProperty(nameof(IStoredRecord.PartitionKey))?.GetMethod
            ?? throw new InvalidOperationException($"{type.FullName} has no PartitionKey getter.");
        var calls = IlScan.Calls(getter).Where(m => !m.Name.StartsWith("op_", StringComparison.Ordinal)).ToList();
        var properties = calls.Where(m => m.Name.StartsWith("get_", StringComparison.Ordinal) && m.DeclaringType == type).Select(m => m.Name[4..]).ToList();
        var computed = calls.Where(m => !m.Name.StartsWith("get_", StringComparison.Ordinal)).Select(m => m.Name).Distinct().ToList();
        return (properties.Count, computed.Count) switch
        {
            (1, 0) => properties[0],
            (_, 1) => $"{computed[0]}({string.Join(", ", properties)})",
            (0, 0) when IlScan.Strings(getter) is [var constant] => $"\"{constant}\" (one partition)",
            _ => "computed",
        };
    }

    private static IReadOnlyList<string> Queried(string container) =>
        QueriedFields.ByContainer.TryGetValue(container, out var fields) ? fields : [];
}
