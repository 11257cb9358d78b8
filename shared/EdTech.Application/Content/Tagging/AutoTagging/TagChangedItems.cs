using System.Security.Cryptography;
using System.Text;
using EdTech.Application.ChangeFeed;
using EdTech.Application.Content.Suggestions;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Tagging.AutoTagging;

/// <summary>
/// Change-feed consumer of assessments: a created or edited assessment whose items' content (<see cref="ItemContentHash"/>)
/// differs from what their stored suggestions were made from starts a durable tagging run for those items only, unless the
/// tenant switched <see cref="TaggingFeatures.AutoTagging"/> off. The run waits <see cref="AutoTaggingSettings.Debounce"/>
/// and then tags only items whose content is still what this change saw (a later edit has its own run), so ten quick
/// edits make one tagging. An unchanged item (an edit of the title, the due date, or only its skills, as accepting a
/// suggestion does) starts nothing; suggestions are written to their own container, so they never come back here.
/// </summary>
public sealed class TagChangedItems(ItemSuggestions suggestions, TaggingFeatures features, IAutoTaggingWorkflow workflow, AutoTaggingSettings settings) : IChangeFeedHandler
{
    public string Name => ChangeFeedCatalog.TagChangedItems.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.TagChangedItems.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.TagChangedItems.Containers;

    public async Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var switchedOn = new Dictionary<TenantId, bool>();
        foreach (var change in KeyedBatch.LatestPerDocument(changes, Storage.Containers.Assessments))
        {
            if (!switchedOn.TryGetValue(change.Tenant, out var on))
            {
                on = switchedOn[change.Tenant] = (await features.ReadAsync(change.Tenant, cancellationToken).ConfigureAwait(false)).AutoTag;
            }

            if (!on)
            {
                continue;
            }

            var record = TypedDocumentStore.Read<AssessmentRecord>(change).Value;
            var changed = await suggestions.ChangedItemsAsync(change.Tenant, record, cancellationToken).ConfigureAwait(false);
            if (changed.Count > 0)
            {
                await workflow.StartAsync(new AutoTagRequest(change.Tenant, record.Id, ChangeKeyOf(change), changed, settings.Debounce), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The same change (redelivered) gives the same key; every new write of the document a new one.</summary>
    public static string ChangeKeyOf(StoredDocument change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(change.ETag)))[..20];
    }
}
