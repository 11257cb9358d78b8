namespace EdTech.Application.Caching;

/// <summary>
/// Invalidation stamps of cache tags, shared by every instance that shares the cache: an invalidation gives each
/// tag a new stamp, and cached entries are keyed by the stamps of their tags, so after an invalidation every
/// instance reads a new key (nothing to evict, no in-process counter to agree on). With Redis the stamps live in
/// Redis (<c>SharedCacheStamps</c>); without it, in this process, which is right for the one-machine LocalHost.
/// </summary>
public interface ICacheStamps
{
    /// <summary>One value standing for the current stamps of all <paramref name="tags"/>; it changes when any of them is invalidated.</summary>
    ValueTask<string> ReadAsync(IReadOnlyList<string> tags, CancellationToken ct);

    /// <summary>Gives each tag a new stamp.</summary>
    ValueTask InvalidateAsync(IReadOnlyList<string> tags, CancellationToken ct);
}
