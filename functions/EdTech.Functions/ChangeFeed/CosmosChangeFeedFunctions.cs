#if COSMOS_TRIGGERS
using System.Text.Json;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;
using EdTech.Infrastructure.Cosmos;
using EdTech.Orchestrations.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EdTech.Functions.ChangeFeed;

/// <summary>
/// Cosmos DB change-feed triggers: exactly one per <see cref="ChangeFeedCatalog"/> consumer and container, each with its own
/// lease prefix (<see cref="ChangeFeedConsumer.LeasePrefix"/>) in the <c>leases</c> container, so every handler keeps its own
/// checkpoint as with the local pump. Each calls the same handler through <see cref="CosmosChangeDispatcher"/>, whose
/// <see cref="ChangeFeedDelivery"/> retries a failing change with backoff and then writes it to poison, so no change holds
/// a lease forever. Only a persistent transient failure (429, timeout) escapes; the retry policy then redelivers the batch
/// (without one, the host would checkpoint past a failed batch and lose it).
/// Immediate consumers poll every second (the path to students' results), deferrable ones at the 5 s default.
/// Connection "CosmosTrigger" is identity-based: CosmosTrigger__accountEndpoint, CosmosTrigger__credential=managedidentity,
/// CosmosTrigger__clientId. A trigger whose consumer starts durable work takes the [DurableClient] binding and binds it.
/// Compiled in the Azure build (EdTechAzureBuild, docs/azure.md); tests/EdTech.Functions.Tests/ChangeFeed parses this file
/// with COSMOS_TRIGGERS defined and holds it against the catalog.
/// </summary>
public sealed class CosmosChangeFeedFunctions(CosmosChangeDispatcher dispatcher, InvocationDurableClientSource durable)
{
    private const string Database = "edtech";
    private const string Connection = "CosmosTrigger";

    [Function("StartGradingOnSubmissions")]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:01:00")]
    public async Task StartGrading(
        [CosmosDBTrigger(Database, Containers.Submissions, Connection = Connection, LeaseContainerName = CosmosStoreOptions.LeaseContainer,
            LeaseContainerPrefix = "start-grading.submissions.", FeedPollDelay = 1000, StartFromBeginning = true)]
        IReadOnlyList<JsonElement> changes, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        using var bound = durable.Bind(client);
        await dispatcher.DispatchAsync(ChangeFeedCatalog.StartGrading, Containers.Submissions, changes, ct).ConfigureAwait(false);
    }

    // The projections of submissions (the students' views and the gradebook first, then review queue, statistics, learner state,
    // usage, item × section sums, weekly mastery) are one consumer. Its lease prefix predates the views part (2026-12-08), so that
    // deployment replays nothing; the views of changes the retired SubmissionProjectionOnSubmissions trigger had not read yet are
    // written by the commands themselves (docs/azure.md, "Change-feed triggers").
    [Function("SubmissionInsightsOnSubmissions")]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:01:00")]
    public Task ProjectSubmissionInsights(
        [CosmosDBTrigger(Database, Containers.Submissions, Connection = Connection, LeaseContainerName = CosmosStoreOptions.LeaseContainer,
            LeaseContainerPrefix = "submission-insights.submissions.", FeedPollDelay = 1000, StartFromBeginning = true)]
        IReadOnlyList<JsonElement> changes, CancellationToken ct) =>
        dispatcher.DispatchAsync(ChangeFeedCatalog.SubmissionInsights, Containers.Submissions, changes, ct);

    [Function("StartRegradeOnAssessments")]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:01:00")]
    public async Task StartRegrade(
        [CosmosDBTrigger(Database, Containers.Assessments, Connection = Connection, LeaseContainerName = CosmosStoreOptions.LeaseContainer,
            LeaseContainerPrefix = "start-regrade.assessments.", FeedPollDelay = 1000, StartFromBeginning = true)]
        IReadOnlyList<JsonElement> changes, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        using var bound = durable.Bind(client);
        await dispatcher.DispatchAsync(ChangeFeedCatalog.StartRegrade, Containers.Assessments, changes, ct).ConfigureAwait(false);
    }

    [Function("StartReleaseOnAssessments")]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:01:00")]
    public async Task StartRelease(
        [CosmosDBTrigger(Database, Containers.Assessments, Connection = Connection, LeaseContainerName = CosmosStoreOptions.LeaseContainer,
            LeaseContainerPrefix = "start-release.assessments.", FeedPollDelay = 1000, StartFromBeginning = true)]
        IReadOnlyList<JsonElement> changes, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        using var bound = durable.Bind(client);
        await dispatcher.DispatchAsync(ChangeFeedCatalog.StartRelease, Containers.Assessments, changes, ct).ConfigureAwait(false);
    }

    [Function("StartTaggingOnTaggingJobs")]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:01:00")]
    public async Task StartTagging(
        [CosmosDBTrigger(Database, Containers.TaggingJobs, Connection = Connection, LeaseContainerName = CosmosStoreOptions.LeaseContainer,
            LeaseContainerPrefix = "start-tagging.tagging-jobs.", FeedPollDelay = 1000, StartFromBeginning = true)]
        IReadOnlyList<JsonElement> changes, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        using var bound = durable.Bind(client);
        await dispatcher.DispatchAsync(ChangeFeedCatalog.StartTagging, Containers.TaggingJobs, changes, ct).ConfigureAwait(false);
    }

    [Function("TagChangedItemsOnAssessments")]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:01:00")]
    public async Task TagChangedItems(
        [CosmosDBTrigger(Database, Containers.Assessments, Connection = Connection, LeaseContainerName = CosmosStoreOptions.LeaseContainer,
            LeaseContainerPrefix = "tag-changed-items.assessments.", StartFromBeginning = true)]
        IReadOnlyList<JsonElement> changes, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        using var bound = durable.Bind(client);
        await dispatcher.DispatchAsync(ChangeFeedCatalog.TagChangedItems, Containers.Assessments, changes, ct).ConfigureAwait(false);
    }

    [Function("StartWorkflowRunsOnWorkflowRuns")]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:01:00")]
    public async Task StartWorkflowRuns(
        [CosmosDBTrigger(Database, Containers.WorkflowRuns, Connection = Connection, LeaseContainerName = CosmosStoreOptions.LeaseContainer,
            LeaseContainerPrefix = "start-workflow-runs.workflow-runs.", FeedPollDelay = 1000, StartFromBeginning = true)]
        IReadOnlyList<JsonElement> changes, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        using var bound = durable.Bind(client);
        await dispatcher.DispatchAsync(ChangeFeedCatalog.StartWorkflowRuns, Containers.WorkflowRuns, changes, ct).ConfigureAwait(false);
    }

    [Function("ScheduleReleaseOnAssessments")]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:01:00")]
    public async Task ScheduleRelease(
        [CosmosDBTrigger(Database, Containers.Assessments, Connection = Connection, LeaseContainerName = CosmosStoreOptions.LeaseContainer,
            LeaseContainerPrefix = "schedule-release.assessments.", StartFromBeginning = true)]
        IReadOnlyList<JsonElement> changes, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        using var bound = durable.Bind(client);
        await dispatcher.DispatchAsync(ChangeFeedCatalog.ScheduleRelease, Containers.Assessments, changes, ct).ConfigureAwait(false);
    }

    [Function("NotificationDispatchOnNotifications")]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:01:00")]
    public Task DispatchNotifications(
        [CosmosDBTrigger(Database, Containers.Notifications, Connection = Connection, LeaseContainerName = CosmosStoreOptions.LeaseContainer,
            LeaseContainerPrefix = "notification-dispatch.notifications.", StartFromBeginning = true)]
        IReadOnlyList<JsonElement> changes, CancellationToken ct) =>
        dispatcher.DispatchAsync(ChangeFeedCatalog.NotificationDispatch, Containers.Notifications, changes, ct);

    [Function("IntegrationEventDispatchOnIntegrationEvents")]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:01:00")]
    public Task DispatchIntegrationEvents(
        [CosmosDBTrigger(Database, Containers.IntegrationEvents, Connection = Connection, LeaseContainerName = CosmosStoreOptions.LeaseContainer,
            LeaseContainerPrefix = "integration-event-dispatch.integration-events.", StartFromBeginning = true)]
        IReadOnlyList<JsonElement> changes, CancellationToken ct) =>
        dispatcher.DispatchAsync(ChangeFeedCatalog.IntegrationEventDispatch, Containers.IntegrationEvents, changes, ct);

    [Function("UsageProjectionOnUsageEvents")]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:01:00")]
    public Task ProjectUsageEvents(
        [CosmosDBTrigger(Database, Containers.UsageEvents, Connection = Connection, LeaseContainerName = CosmosStoreOptions.LeaseContainer,
            LeaseContainerPrefix = "usage-projection.usage-events.", StartFromBeginning = true)]
        IReadOnlyList<JsonElement> changes, CancellationToken ct) =>
        dispatcher.DispatchAsync(ChangeFeedCatalog.UsageProjection, Containers.UsageEvents, changes, ct);

    [Function("AnalyticsWeeksProjectionOnUsageEvents")]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:01:00")]
    public Task ProjectAnalyticsWeeksUsageEvents(
        [CosmosDBTrigger(Database, Containers.UsageEvents, Connection = Connection, LeaseContainerName = CosmosStoreOptions.LeaseContainer,
            LeaseContainerPrefix = "analytics-weeks-projection.usage-events.", StartFromBeginning = true)]
        IReadOnlyList<JsonElement> changes, CancellationToken ct) =>
        dispatcher.DispatchAsync(ChangeFeedCatalog.AnalyticsWeeksProjection, Containers.UsageEvents, changes, ct);

    [Function("AnalyticsItemsProjectionOnEnrollments")]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:01:00")]
    public Task ProjectAnalyticsItemsEnrollments(
        [CosmosDBTrigger(Database, Containers.Enrollments, Connection = Connection, LeaseContainerName = CosmosStoreOptions.LeaseContainer,
            LeaseContainerPrefix = "analytics-items-projection.enrollments.", StartFromBeginning = true)]
        IReadOnlyList<JsonElement> changes, CancellationToken ct) =>
        dispatcher.DispatchAsync(ChangeFeedCatalog.AnalyticsItemsProjection, Containers.Enrollments, changes, ct);

    [Function("AnalyticsItemsProjectionOnAssessments")]
    [ExponentialBackoffRetry(-1, "00:00:01", "00:01:00")]
    public Task ProjectAnalyticsItemsAssessments(
        [CosmosDBTrigger(Database, Containers.Assessments, Connection = Connection, LeaseContainerName = CosmosStoreOptions.LeaseContainer,
            LeaseContainerPrefix = "analytics-items-projection.assessments.", StartFromBeginning = true)]
        IReadOnlyList<JsonElement> changes, CancellationToken ct) =>
        dispatcher.DispatchAsync(ChangeFeedCatalog.AnalyticsItemsProjection, Containers.Assessments, changes, ct);
}
#endif
