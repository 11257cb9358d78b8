using EdTech.Application.Content.Suggestions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Tagging.AutoTagging;

/// <summary>
/// One change of an assessment to tag: the items whose content changed (with the hash seen), and <see cref="ChangeKey"/>, which
/// identifies the change (a hash of its ETag), so a redelivered change is the same durable instance
/// (<c>{tenant}:auto-tag:{assessmentId}:{changeKey}</c>) and a later change a new one.
/// </summary>
public sealed record AutoTagRequest(TenantId TenantId, string AssessmentId, string ChangeKey, IReadOnlyList<ItemContent> Items, TimeSpan Debounce);

/// <summary>Starts the durable run that waits out the debounce, then tags the items still as they were seen (idempotent per change).</summary>
public interface IAutoTaggingWorkflow
{
    Task StartAsync(AutoTagRequest request, CancellationToken cancellationToken);
}
