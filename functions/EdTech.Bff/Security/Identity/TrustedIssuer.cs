using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace EdTech.Bff.Security.Identity;

/// <summary>
/// An issuer this host accepts tokens from, with its own audience and signing keys, so a key of one
/// issuer never validates a token naming another. Directory issuers (Entra) carry <see cref="Settings"/>
/// and their tokens are mapped to platform claims; the LocalHost's issuer mints platform claims directly.
/// </summary>
public sealed class TrustedIssuer
{
    private readonly IConfigurationManager<OpenIdConnectConfiguration>? _metadata;
    private IReadOnlyList<SecurityKey> _keys;

    private TrustedIssuer(string audience, IssuerSettings? settings, Func<string, JsonWebToken, bool> matches, IConfigurationManager<OpenIdConnectConfiguration>? metadata, IReadOnlyList<SecurityKey> keys)
    {
        Audience = audience;
        Settings = settings;
        Matches = matches;
        _metadata = metadata;
        _keys = keys;
    }

    public string Audience { get; }

    /// <summary>Null for an issuer whose tokens already carry the platform's tenant, sub and roles.</summary>
    public IssuerSettings? Settings { get; }

    public Func<string, JsonWebToken, bool> Matches { get; }

    public IReadOnlyList<SecurityKey> Keys => Volatile.Read(ref _keys);

    public static TrustedIssuer WithStaticKey(string issuer, string audience, SecurityKey key) =>
        new(audience, null, (iss, _) => string.Equals(iss, issuer, StringComparison.Ordinal), null, [key]);

    public static TrustedIssuer FromMetadata(IssuerSettings settings, string audience, IDocumentRetriever retriever) =>
        new(audience, settings, (iss, token) => settings.Matches(iss, token.TryGetPayloadValue<string>(settings.TenantClaim, out var tid) ? tid : null),
            new ConfigurationManager<OpenIdConnectConfiguration>(settings.Metadata!, new OpenIdConnectConfigurationRetriever(), retriever), []);

    /// <summary>Fetches the signing keys (the configuration manager caches them and refreshes them daily).</summary>
    public async ValueTask RefreshKeysAsync(CancellationToken ct)
    {
        if (_metadata is not null)
        {
            var configuration = await _metadata.GetConfigurationAsync(ct).ConfigureAwait(false);
            Volatile.Write(ref _keys, configuration.SigningKeys.ToList());
        }
    }

    /// <summary>After an unknown key id: keys may have rolled over, so the next fetch goes to the issuer.</summary>
    public void RequestRefresh() => _metadata?.RequestRefresh();
}
