namespace EdTech.Application.ChangeFeed;

/// <summary>
/// Whether the host is busy serving requests. Background consumers (the local change-feed pump) take
/// smaller steps while it is, so a burst of submissions is acknowledged first and graded right after.
/// </summary>
public interface IForegroundLoad
{
    bool IsBusy { get; }
}

/// <summary>For hosts whose background work scales separately (Azure Functions): never busy.</summary>
public sealed class NoForegroundLoad : IForegroundLoad
{
    public bool IsBusy => false;
}
