using System.Globalization;
using System.Security.Claims;
using EdTech.Domain.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace EdTech.Bff.Security;

/// <summary>What a validated token must also be before a request may use it.</summary>
/// <param name="Status">401 for a malformed token, 403 for a well-formed one that may not be used here.</param>
public sealed record TokenRefusal(int Status, string Detail);

/// <summary>
/// Rules on a token's shape, checked once per request after its signature, issuer and audience (TenantGateMiddleware):
/// exactly one tenant and one subject claim (a list-valued or repeated claim is ambiguous, refused, not "the first one");
/// a subject without control characters and at most <see cref="MaxSubjectLength"/> characters; a lifetime (exp minus
/// iat, else nbf, else now) of at most <c>Auth:MaxTokenLifetime</c> (default 24 h); and tokens for the platform tenant
/// carry only the platform-admin role (the platform tenant is not a school: no teachers, students or school admins).
/// </summary>
public sealed record TokenRules(TimeSpan MaxLifetime)
{
    public const int MaxSubjectLength = 256;

    public static TimeSpan DefaultMaxLifetime { get; } = TimeSpan.FromHours(24);

    public static TokenRules From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration["Auth:MaxTokenLifetime"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new TokenRules(DefaultMaxLifetime);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var max) && max > TimeSpan.Zero
            ? new TokenRules(max)
            : throw new InvalidOperationException($"Setting 'Auth:MaxTokenLifetime' must be a positive time span such as 01:00:00; got '{text}'.");
    }

    /// <returns>Why the token may not be used, or null when it may.</returns>
    public TokenRefusal? Check(ClaimsPrincipal user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tenants = user.FindAll(EdTechClaims.Tenant).ToList();
        var subjects = user.FindAll(EdTechClaims.Subject).ToList();
        if (tenants.Count != 1 || subjects.Count != 1)
        {
            return Unauthenticated("The token must carry exactly one tenant and one subject.");
        }

        var subject = subjects[0].Value;
        if (subject.Length is 0 or > MaxSubjectLength || subject.Any(char.IsControl))
        {
            return Unauthenticated($"The token's subject must be 1 to {MaxSubjectLength} characters without control characters.");
        }

        var lifetime = Lifetime(user, now);
        if (lifetime is null || lifetime > MaxLifetime)
        {
            return Unauthenticated($"The token's lifetime exceeds the maximum of {MaxLifetime}.");
        }

        var platformTenant = string.Equals(tenants[0].Value, TenantId.PlatformValue, StringComparison.Ordinal);
        return platformTenant && user.FindAll(EdTechClaims.Roles).Any(r => r.Value != Roles.PlatformAdmin)
            ? new TokenRefusal(StatusCodes.Status403Forbidden, "Tokens for the platform tenant carry only the platform-admin role.")
            : null;
    }

    /// <summary>exp minus iat (else nbf, else now); null when exp is missing or not a number.</summary>
    private static TimeSpan? Lifetime(ClaimsPrincipal user, DateTimeOffset now)
    {
        var exp = Seconds(user, "exp");
        if (exp is null)
        {
            return null;
        }

        var start = Seconds(user, "iat") ?? Seconds(user, "nbf") ?? now.ToUnixTimeSeconds();
        return TimeSpan.FromSeconds(exp.Value - start);
    }

    // Plain locals, no pattern variables in a && chain: Stryker's safe mode would drop every mutant here (docs/mutation.md).
    private static long? Seconds(ClaimsPrincipal user, string claim)
    {
        var values = user.FindAll(claim).ToList();
        if (values.Count != 1)
        {
            return null;
        }

        return long.TryParse(values[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
    }

    private static TokenRefusal Unauthenticated(string detail) => new(StatusCodes.Status401Unauthorized, detail);
}
