using System.Text.Json;
using Azure.Core;

namespace EdTech.Infrastructure.Caching;

/// <summary>The user and password one Redis connection signs in with: the identity's object id and its token.</summary>
public sealed record RedisCredentials(string User, string Password, DateTimeOffset ExpiresOn, DateTimeOffset RefreshAt);

/// <summary>
/// Microsoft Entra ID sign-in for Azure Managed Redis (access keys off): an access token for
/// <see cref="Scope"/> is the password, the identity's object id (the token's <c>oid</c>) the user. The token is
/// replaced before it expires: at <see cref="RedisCredentials.RefreshAt"/>, which leaves a quarter of its lifetime
/// (at most <see cref="MaxRefreshMargin"/>) to get a new one. This is the small part of
/// Microsoft.Azure.StackExchangeRedis the app needs (that package is not in this build's package source).
/// </summary>
public sealed class RedisEntraToken(TokenCredential credential, TimeProvider time) : IDisposable
{
    public const string Scope = "https://redis.azure.com/.default";

    public static readonly TimeSpan MaxRefreshMargin = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile RedisCredentials? _current;

    /// <summary>The credentials last obtained (null before the first <see cref="GetAsync"/>).</summary>
    public RedisCredentials? Current => _current;

    /// <summary>The current credentials, or new ones when none were obtained yet or their refresh time has come.</summary>
    public async ValueTask<RedisCredentials> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_current is { } current && time.GetUtcNow() < current.RefreshAt)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } fresh && time.GetUtcNow() < fresh.RefreshAt)
            {
                return fresh;
            }

            var token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var lifetime = token.ExpiresOn - now;
            var margin = lifetime / 4 < MaxRefreshMargin ? lifetime / 4 : MaxRefreshMargin;
            var credentials = new RedisCredentials(ObjectId(token.Token), token.Token, token.ExpiresOn, token.ExpiresOn - margin);
            _current = credentials;
            return credentials;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The <c>oid</c> claim of a JWT access token: the Redis user the access policy assignment names.</summary>
    public static string ObjectId(string accessToken)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        var parts = accessToken.Split('.');
        if (parts.Length < 2)
        {
            throw new InvalidOperationException("The Microsoft Entra token for Redis is not a JWT; its object id (oid) names the Redis user.");
        }

        var payload = parts[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var claims = JsonDocument.Parse(Convert.FromBase64String(payload));
        return claims.RootElement.TryGetProperty("oid", out var oid) && oid.GetString() is { Length: > 0 } id
            ? id
            : throw new InvalidOperationException("The Microsoft Entra token for Redis has no oid claim (the identity's object id, which is the Redis user).");
    }
}
