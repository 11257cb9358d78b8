using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Cli.Commands.Docs.Diagrams;

namespace EdTech.Cli.Tests.Docs;

/// <summary>The data model shows every container, the record types kept in each and their partition keys.</summary>
public sealed class DataModelTests
{
    private static string Model => Generated.Diagram(DataModelGenerator.Slug);

    [Fact]
    public void DataModel_EveryContainer_IsABoxAndATableRow()
    {
        foreach (var container in Containers.All)
        {
            Assert.Contains($"{DiagramGraph.IdFor("c", container)}[\"{container}<br/>key: tenantId / ", Model, StringComparison.Ordinal);
            Assert.Contains($"| `{container}` | ", Model, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DataModel_EveryStoredRecordType_IsShownInItsContainer()
    {
        var records = typeof(IStoredRecord).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IStoredRecord).IsAssignableFrom(t)).ToList();

        Assert.NotEmpty(records);
        foreach (var type in records)
        {
            var container = (string)type.GetProperty(nameof(IStoredRecord.Container))!.GetValue(null)!;
            var box = Model.Split('\n').Single(l => l.Contains($"{DiagramGraph.IdFor("c", container)}[\"", StringComparison.Ordinal));
            Assert.Contains($"<br/>record: {type.Name}<br/>", box.Replace("\"]", "<br/>", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(typeof(SubmissionRecord), "CourseId")]
    [InlineData(typeof(UserRecord), "Id")]
    [InlineData(typeof(UsageStudentDayRecord), "PartitionFor(CourseId, Date)")]
    [InlineData(typeof(TaxonomySkillRecord), "\"skills\" (one partition)")]
    public void PartitionKeyOf_ReadsTheGetter(Type record, string expected)
    {
        Assert.Equal(expected, DataModelGenerator.PartitionKeyOf(record));
    }

    [Fact]
    public void DataModel_TheHierarchicalKeyPaths_AreTheCosmosStores()
    {
        Assert.Contains($"`{Infrastructure.Cosmos.CosmosItems.TenantPath}` then `{Infrastructure.Cosmos.CosmosItems.PartitionPath}`", Model, StringComparison.Ordinal);
    }
}
