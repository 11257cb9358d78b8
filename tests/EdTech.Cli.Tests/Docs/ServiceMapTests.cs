using EdTech.Application.ChangeFeed;
using EdTech.Bff.Composition;
using EdTech.Bff.Security;
using EdTech.Cli.Commands.Docs.Diagrams;
using EdTech.Orchestrations;

namespace EdTech.Cli.Tests.Docs;

/// <summary>The service map shows everything the catalogs the hosts read declare, and the calls read from the code.</summary>
public sealed class ServiceMapTests
{
    private static string Map => Generated.Diagram(ServiceMapGenerator.Slug);

    [Fact]
    public void ServiceMap_EveryOrchestratorAndActivityOfTheCatalog_IsABox()
    {
        foreach (var type in OrchestrationCatalog.Orchestrators)
        {
            Assert.Contains($"{DiagramGraph.IdFor("orch", type.Name)}[\"{type.Name}<br/>orchestrator\"]", Map, StringComparison.Ordinal);
        }

        foreach (var type in OrchestrationCatalog.Activities)
        {
            Assert.Contains($"{DiagramGraph.IdFor("act", type.Name)}[\"{type.Name}<br/>activity\"]", Map, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ServiceMap_EveryChangeFeedHandler_IsABoxWithItsUrgencyFedByEachOfItsContainers()
    {
        foreach (var consumer in ChangeFeedCatalog.All)
        {
            var handler = DiagramGraph.IdFor("handler", consumer.Name);
            Assert.Contains($"{handler}[\"{consumer.Name}<br/>{consumer.Urgency}<br/>", Map, StringComparison.Ordinal);
            foreach (var container in consumer.Containers)
            {
                Assert.Contains($"{DiagramGraph.IdFor("container", container)} --> {handler}\n", Map, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void ServiceMap_EveryScheduledJob_IsABoxWithItsScheduleAndSetting()
    {
        foreach (var job in ScheduledJobs.All)
        {
            Assert.Contains($"[\"{job.Name}<br/>{job.DefaultSchedule}<br/>{job.ScheduleSetting}\"]", Map, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RoutesPage_EveryRoleRowOfTheAccessTable_IsListed()
    {
        var routes = Generated.Text(ServiceMapGenerator.RoutesFile);
        var roleRows = AccessTable.Rows.Where(r => Bff.Apis.EdTechApi.RoleGroups.Keys.Any(role => r.Pattern.StartsWith($"/api/{role}/", StringComparison.Ordinal))).ToList();

        Assert.NotEmpty(roleRows);
        foreach (var row in roleRows)
        {
            Assert.Contains($"| {row.Method} | `{row.Pattern}` | {row.Scope} | {string.Join(", ", row.Roles)} |", routes, StringComparison.Ordinal);
        }

        Assert.Equal(roleRows.Count, routes.Split('\n').Count(l => l.StartsWith("| GET ", StringComparison.Ordinal) || l.StartsWith("| POST ", StringComparison.Ordinal)
            || l.StartsWith("| PUT ", StringComparison.Ordinal) || l.StartsWith("| PATCH ", StringComparison.Ordinal) || l.StartsWith("| DELETE ", StringComparison.Ordinal)));
    }

    [Fact]
    public void ServiceMap_CallsReadFromTheCode_IncludeTheGradingPath()
    {
        // The path from an acknowledged submission to a graded one: the start-grading handler starts the grading orchestrator,
        // which calls the auto-grading activity. If the IL reading broke, these edges would vanish while the boxes stayed.
        Assert.Contains("handler_start_grading -.->|\"starts\"| orch_GradeSubmissionOrchestrator\n", Map, StringComparison.Ordinal);
        Assert.Contains("orch_GradeSubmissionOrchestrator --> act_AutoGradeSubmissionActivity\n", Map, StringComparison.Ordinal);
        Assert.Contains("orch_ReleaseResultsOrchestrator --> act_ReleaseSubmissionsActivity\n", Map, StringComparison.Ordinal);
        Assert.Contains("orch_RegradeAssessmentOrchestrator --> act_RegradeChunkActivity\n", Map, StringComparison.Ordinal);
        Assert.Contains($"handler_integration_event_dispatch -->|\"publishes\"| {ServiceMapGenerator.OutboxNode}\n", Map, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceMap_EveryOrchestrator_CallsAtLeastOneActivityOrSubOrchestration()
    {
        foreach (var type in OrchestrationCatalog.Orchestrators)
        {
            Assert.Contains($"  {DiagramGraph.IdFor("orch", type.Name)} -->", Map, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void HandlerTypes_EveryCatalogEntry_HasItsRegisteredClass()
    {
        using var composition = new Composition();

        var handlers = ServiceMapGenerator.HandlerTypes(composition);

        Assert.Equal(ChangeFeedCatalog.All.Select(c => c.Name).Order(StringComparer.Ordinal), handlers.Keys.Order(StringComparer.Ordinal));
    }
}
