using EdTech.Application.ChangeFeed;
using Microsoft.Extensions.Configuration;

namespace EdTech.Bff.Composition;

/// <summary>
/// The change-feed retry policy from settings (docs/configuration.md): <c>ChangeFeed:MaxAttempts</c> (5),
/// <c>ChangeFeed:RetryBaseDelayMs</c> (1000), <c>ChangeFeed:RetryMaxDelayMs</c> (30000), <c>ChangeFeed:MaxTransientAttempts</c> (8).
/// </summary>
public static class ChangeFeedSettings
{
    public static ChangeFeedRetryOptions From(IConfiguration configuration)
    {
        var d = ChangeFeedRetryOptions.Default;
        return new ChangeFeedRetryOptions(
            EdTechOptions.PositiveOr(configuration, "ChangeFeed:MaxAttempts", d.MaxAttempts),
            TimeSpan.FromMilliseconds(EdTechOptions.PositiveOr(configuration, "ChangeFeed:RetryBaseDelayMs", (int)d.BaseDelay.TotalMilliseconds)),
            TimeSpan.FromMilliseconds(EdTechOptions.PositiveOr(configuration, "ChangeFeed:RetryMaxDelayMs", (int)d.MaxDelay.TotalMilliseconds)),
            EdTechOptions.PositiveOr(configuration, "ChangeFeed:MaxTransientAttempts", d.MaxTransientAttempts));
    }
}
