namespace EdTech.Application.ChangeFeed;

/// <summary>
/// How a change-feed handler is scheduled while the host is busy serving requests (see <see cref="IForegroundLoad"/>).
/// </summary>
public enum ChangeFeedUrgency
{
    /// <summary>On the path from an acknowledged submission to the student's released result: never held back.</summary>
    Immediate,

    /// <summary>Projections and side effects nobody waits on at the peak (statistics, learner state, queues): small steps while busy.</summary>
    Deferrable,
}
