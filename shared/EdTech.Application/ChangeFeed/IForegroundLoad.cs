namespace EdTech.Application.ChangeFeed;

/// <summary>
/// How loaded the host is by requests. Background consumers (the local change-feed pump) take smaller steps
/// while it is: deferrable handlers as soon as it is busy, the path to students' results only once requests
/// are queueing (saturated), so a burst is acknowledged first and graded right after, while a steady peak
/// the host can carry is graded as it arrives.
/// </summary>
public interface IForegroundLoad
{
    /// <summary>Requests are being served (deferrable background work yields).</summary>
    bool IsBusy { get; }

    /// <summary>Requests are queueing (even the path to students' results yields).</summary>
    bool IsSaturated { get; }
}

/// <summary>For hosts whose background work scales separately (Azure Functions): never busy.</summary>
public sealed class NoForegroundLoad : IForegroundLoad
{
    public bool IsBusy => false;

    public bool IsSaturated => false;
}
