using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace EdTech.Bff.Tests.Identity;

/// <summary>
/// A stand-in for Microsoft Entra: an RSA key made here, its OIDC metadata and JWKS served from memory
/// (no network), and Entra-shaped tokens (iss per directory, tid, oid, app roles) signed with it.
/// </summary>
public sealed class TestDirectory : IDocumentRetriever, IDisposable
{
    public const string Host = "https://login.example.test";
    public const string IssuerTemplate = Host + "/{tenantid}/v2.0";
    public const string MetadataAddress = Host + "/common/v2.0/.well-known/openid-configuration";
    public const string Audience = "api://edtech-test";
    private const string JwksUri = Host + "/common/discovery/v2.0/keys";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RSA _otherRsa = RSA.Create(2048);

    public static string IssuerFor(string directoryId) => IssuerTemplate.Replace("{tenantid}", directoryId, StringComparison.Ordinal);

    public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        var p = _rsa.ExportParameters(false);
        return Task.FromResult(address switch
        {
            MetadataAddress => JsonSerializer.Serialize(new Dictionary<string, object> { ["issuer"] = IssuerTemplate, ["jwks_uri"] = JwksUri }),
            JwksUri => JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", use = "sig", kid = "k1", n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } }),
            _ => throw new InvalidOperationException($"No document at {address}."),
        });
    }

    /// <summary>An Entra-shaped access token; each argument overrides one thing a test is about.</summary>
    public string Token(string directoryId, string objectId, string[] roles, string? issuer = null, string audience = Audience,
        DateTime? expires = null, bool foreignKey = false, IDictionary<string, object>? extra = null)
    {
        var claims = new Dictionary<string, object> { ["tid"] = directoryId, ["oid"] = objectId, ["sub"] = "pairwise-" + objectId, ["roles"] = roles };
        foreach (var (k, v) in extra ?? new Dictionary<string, object>())
        {
            claims[k] = v;
        }

        var until = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? IssuerFor(directoryId),
            Audience = audience,
            Claims = claims,
            IssuedAt = until.AddHours(-2),
            NotBefore = until.AddHours(-2),
            Expires = until,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(foreignKey ? _otherRsa : _rsa) { KeyId = "k1" }, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose()
    {
        _rsa.Dispose();
        _otherRsa.Dispose();
    }
}
