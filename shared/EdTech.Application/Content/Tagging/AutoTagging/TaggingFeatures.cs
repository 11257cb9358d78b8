using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Tagging.AutoTagging;

/// <summary>
/// The per-tenant switches in the tenant registry's <c>features</c> (PATCH /api/platform/tenants/{id}):
/// <see cref="AutoTagging"/> (on unless set to false) tags created and edited items by itself;
/// <see cref="AutoApply"/> (off unless set to true) accepts suggestions whose every skill has at least
/// <see cref="AutoTaggingSettings.AutoApplyConfidence"/> without waiting for a content author.
/// </summary>
public sealed class TaggingFeatures(IDocumentStore store)
{
    public const string AutoTagging = "content.auto-tagging";
    public const string AutoApply = "content.auto-apply-tags";

    public async Task<(bool AutoTag, bool AutoApply)> ReadAsync(TenantId tenant, CancellationToken ct)
    {
        var record = await store.GetAsync<TenantRecord>(TenantId.Platform, tenant.Value, ct).ConfigureAwait(false);
        var features = record?.Value.Features ?? new Dictionary<string, bool>();
        return (features.GetValueOrDefault(AutoTagging, true), features.GetValueOrDefault(AutoApply, false));
    }
}
