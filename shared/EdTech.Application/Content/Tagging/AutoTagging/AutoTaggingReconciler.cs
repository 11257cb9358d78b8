using EdTech.Application.Content.Suggestions;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Content.Tagging.AutoTagging;

/// <summary>
/// Re-drives change-feed tagging lost with an in-memory durable engine (the LocalHost's default): a run still waiting out
/// its debounce when the process stopped is gone, while the feed's checkpoint has moved past its change. At start-up, every
/// assessment of a tenant with auto-tagging on whose items' content differs from their stored suggestions gets the run its
/// latest change would have started: same instance id (the key is derived from the document's ETag, as the handler's is),
/// so a run that still exists is "already exists" and nothing is tagged twice. Assessments are read a page at a time.
/// Not on the reconcile timer: it reads every assessment, and Azure's durable timers survive restarts.
/// </summary>
public sealed partial class AutoTaggingReconciler(
    IDocumentStore store, ItemSuggestions suggestions, TaggingFeatures features, IAutoTaggingWorkflow workflow, AutoTaggingSettings settings, ILogger<AutoTaggingReconciler> logger)
{
    private const int PageSize = 200;

    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var started = 0;
        var tenants = await store.QueryAsync<TenantRecord>(TenantId.Platform, DocumentQuery.All, ct).ConfigureAwait(false);
        foreach (var tenant in tenants.Select(t => new TenantId(t.Value.Id)))
        {
            if (!(await features.ReadAsync(tenant, ct).ConfigureAwait(false)).AutoTag)
            {
                continue;
            }

            string? after = null;
            while (true)
            {
                var page = await store.QueryAsync(tenant, Containers.Assessments, new DocumentQuery(Limit: PageSize, AfterId: after), ct).ConfigureAwait(false);
                foreach (var document in page)
                {
                    var assessment = TypedDocumentStore.Read<AssessmentRecord>(document).Value;
                    var changed = await suggestions.ChangedItemsAsync(tenant, assessment, ct).ConfigureAwait(false);
                    if (changed.Count > 0)
                    {
                        await workflow.StartAsync(new AutoTagRequest(tenant, assessment.Id, TagChangedItems.ChangeKeyOf(document), changed, settings.Debounce), ct).ConfigureAwait(false);
                        started++;
                    }
                }

                if (page.Count < PageSize)
                {
                    break;
                }

                after = page[^1].Id;
            }
        }

        LogReconciled(logger, started);
        return started;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-drove change-feed tagging for {Count} assessments")]
    private static partial void LogReconciled(ILogger logger, int count);
}
