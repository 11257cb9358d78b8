using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace EdTech.Bff.Security.Identity;

/// <summary>
/// Every issuer the host trusts: the configured production issuers ("Auth:Issuers") plus any the host
/// registers itself as <see cref="TrustedIssuer"/> services (only the LocalHost does, for its local issuer).
/// </summary>
public sealed class TrustedIssuers
{
    public TrustedIssuers(AuthSettings settings, IEnumerable<TrustedIssuer> hostIssuers, IDocumentRetriever? retriever = null)
    {
        retriever ??= new HttpDocumentRetriever { RequireHttps = true };
        All = settings.Issuers.Select(i => TrustedIssuer.FromMetadata(i, settings.Audience!, retriever)).Concat(hostIssuers).ToList();
        Settings = settings;
    }

    public IReadOnlyList<TrustedIssuer> All { get; }

    public AuthSettings Settings { get; }

    public TrustedIssuer? Find(string? iss, SecurityToken token) =>
        iss is null || token is not JsonWebToken jwt ? null : All.FirstOrDefault(i => i.Matches(iss, jwt));

    public async ValueTask RefreshKeysAsync(CancellationToken ct)
    {
        foreach (var issuer in All)
        {
            try
            {
                await issuer.RefreshKeysAsync(ct).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Metadata unreachable and no keys cached yet: that issuer's tokens fail (401), others still work.
            }
        }
    }

    public void RequestRefresh()
    {
        foreach (var issuer in All)
        {
            issuer.RequestRefresh();
        }
    }
}
