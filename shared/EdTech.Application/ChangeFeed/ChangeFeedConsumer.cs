namespace EdTech.Application.ChangeFeed;

/// <summary>
/// One change-feed consumer as it is declared once: its name (the checkpoint key and lease name), the containers it
/// reads, how it is scheduled while the host is busy, and whether it starts durable work (its Azure trigger then binds
/// the invocation's durable client).
/// </summary>
public sealed record ChangeFeedConsumer(string Name, ChangeFeedUrgency Urgency, bool StartsDurableWork, IReadOnlySet<string> Containers)
{
    /// <summary>A composite's parts, in the order each batch runs them (empty for a plain consumer).</summary>
    public IReadOnlyList<ChangeFeedConsumer> Parts { get; init; } = [];

    /// <summary>The LocalHost checkpoint a part was read under before it became one (null: its own name).</summary>
    public string? FormerCheckpoint { get; init; }

    /// <summary>
    /// A part that was a consumer of its own until it joined a composite that already had a checkpoint. On the LocalHost the
    /// composite goes back once to the part's former checkpoint when that is behind its own (so the part misses no change; the
    /// other parts see a few changes again and, being idempotent, write nothing), and the former checkpoint is then cleared.
    /// </summary>
    public bool JoinedARunningComposite { get; init; }

    /// <summary>The former checkpoints of the parts that joined the composite while it was running (<see cref="JoinedARunningComposite"/>).</summary>
    public IReadOnlyList<string> RewindsToJoinedCheckpoints => [.. Parts.Where(p => p.JoinedARunningComposite).Select(p => p.FormerCheckpoint ?? p.Name).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The LocalHost checkpoints a composite takes over: its parts' former consumers. A composite with no checkpoint yet starts
    /// at the smallest of them, so the upgrade neither replays history nor skips a change one of its parts had not read.
    /// </summary>
    public IReadOnlyList<string> TakesOverCheckpoints => [.. Parts.Select(p => p.FormerCheckpoint ?? p.Name).Distinct(StringComparer.Ordinal)];

    /// <summary>The Cosmos DB trigger's lease prefix for one container: one lease set per consumer and container.</summary>
    public string LeasePrefix(string container) => $"{Name}.{container}.";
}
