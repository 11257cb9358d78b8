using EdTech.Application.Content.Suggestions;
using EdTech.Domain.Tenancy;

namespace EdTech.Orchestrations.Tagging;

/// <summary>One assessment change's items to tag after the debounce.</summary>
public sealed record AutoTagItemsInput(TenantId TenantId, string AssessmentId, string ChangeKey, IReadOnlyList<ItemContent> Items, double DebounceSeconds)
{
    /// <summary>Tenant-first, per change: <c>{tenant}:auto-tag:{assessmentId}:{changeKey}</c>. A redelivered change is the same instance.</summary>
    public string InstanceId => $"{TenantId}:auto-tag:{AssessmentId}:{ChangeKey}";
}

public sealed record AutoTagChunkInput(TenantId TenantId, string AssessmentId, IReadOnlyList<ItemContent> Items);

public sealed record AutoApplyInput(TenantId TenantId, string AssessmentId, IReadOnlyList<string> ItemIds);

/// <param name="Tagged">Items tagged by this run (the others were unchanged, or a later edit's run owns them).</param>
/// <param name="Applied">Suggestions auto-applied (tenants with auto-apply on).</param>
public sealed record AutoTagItemsResult(int Tagged, int Applied);
