using EdTech.Application.ChangeFeed;
using EdTech.Application.Storage;

namespace EdTech.Application.Usage;

/// <summary>
/// The submissions side of <see cref="UsageProjection"/>, as a part of the submission-insights consumer (its usage-events side
/// is still a consumer of its own). The same projection, so the same idempotence: a submission already counted in its
/// student's day adds nothing.
/// </summary>
public sealed class UsageOnSubmissions(UsageProjection usage) : IChangeFeedHandler
{
    public string Name => ChangeFeedCatalog.UsageOnSubmissions.Name;

    public ChangeFeedUrgency Urgency => ChangeFeedCatalog.UsageOnSubmissions.Urgency;

    public IReadOnlySet<string> Containers => ChangeFeedCatalog.UsageOnSubmissions.Containers;

    public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken) => usage.HandleAsync(changes, cancellationToken);
}
