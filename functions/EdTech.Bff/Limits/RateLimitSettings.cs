using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace EdTech.Bff.Limits;

/// <summary>
/// The limits one tenant gets: a token bucket for all its requests, one per user on every authenticated route
/// (fairness inside a tenant) and a per-user bucket on submit. Per instance without Redis, shared by all instances
/// with it (docs/limits.md). Defaults are generous so that one busy school on one instance is never throttled;
/// operators lower them per deployment.
/// </summary>
public sealed record RateLimitSettings(double TenantTokensPerSecond, int TenantBurst, int SubmitPerUserPerMinute)
{
    public const string Section = "RateLimits";
    public static readonly RateLimitSettings Defaults = new(20_000, 40_000, 30);

    /// <summary>Refill of each user's own bucket on every authenticated route (RateLimits:UserTokensPerSecond).</summary>
    public double UserTokensPerSecond { get; init; } = 50;

    /// <summary>Requests one user may send back to back (RateLimits:UserBurst).</summary>
    public int UserBurst { get; init; } = 500;

    public static RateLimitSettings From(IConfiguration configuration) => new(
        Positive(configuration, nameof(TenantTokensPerSecond), Defaults.TenantTokensPerSecond),
        (int)Positive(configuration, nameof(TenantBurst), Defaults.TenantBurst),
        (int)Positive(configuration, nameof(SubmitPerUserPerMinute), Defaults.SubmitPerUserPerMinute))
    {
        UserTokensPerSecond = Positive(configuration, nameof(UserTokensPerSecond), Defaults.UserTokensPerSecond),
        UserBurst = (int)Positive(configuration, nameof(UserBurst), Defaults.UserBurst),
    };

    private static double Positive(IConfiguration configuration, string name, double fallback)
    {
        var key = $"{Section}:{name}";
        if (configuration[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= int.MaxValue
            ? value
            : throw new InvalidOperationException($"Setting '{key}' must be a positive number; got '{text}'.");
    }
}
