using EdTech.Application.Common;

namespace EdTech.Application.Tenants;

/// <summary>
/// PATCH body (JSON Merge Patch): absent fields stay; null clears parentId and entraTenantIds, and resets
/// a quota to the platform default; in <c>features</c>, true/false sets a flag and null removes it.
/// Kind and status are not patchable (status changes through suspend/reactivate).
/// </summary>
public sealed record UpdateTenantCommand(
    Optional<string?> Name,
    Optional<string?> TimeZone,
    Optional<string?> ParentId,
    QuotasPatch? Quotas,
    Optional<Dictionary<string, bool?>?> Features,
    Optional<string[]?> EntraTenantIds);

public sealed record QuotasPatch(Optional<int?> MaxStudents, Optional<int?> MaxSubmissionsPerMinute, Optional<int?> StorageMb)
{
    /// <summary>The GenAI tagger's monthly token budget (0 turns the chat model off; null: the platform setting).</summary>
    public Optional<long?> MonthlyTokenBudget { get; init; }
}
