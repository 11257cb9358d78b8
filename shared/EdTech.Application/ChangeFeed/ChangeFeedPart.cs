using EdTech.Application.Storage;

namespace EdTech.Application.ChangeFeed;

/// <summary>
/// A part of a composite consumer (<see cref="IChangeFeedComposite"/>) served by a projection that other containers also feed
/// (its own consumer keeps those): declared in <see cref="ChangeFeedCatalog"/> under its own name, so its delivery policy, poison
/// records and spans are named after the part, and handing the composite's changes to the projection. The usage, weekly and
/// item × section projections take the submissions' changes this way (docs/projection-writes.md).
/// </summary>
public sealed class ChangeFeedPart(ChangeFeedConsumer declared, IChangeFeedHandler projection) : IChangeFeedHandler
{
    public string Name => declared.Name;

    public ChangeFeedUrgency Urgency => declared.Urgency;

    public IReadOnlySet<string> Containers => declared.Containers;

    public Task HandleAsync(IReadOnlyList<StoredDocument> changes, CancellationToken cancellationToken) => projection.HandleAsync(changes, cancellationToken);
}
