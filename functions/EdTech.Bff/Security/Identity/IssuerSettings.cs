namespace EdTech.Bff.Security.Identity;

/// <summary>
/// One trusted production issuer ("Auth:Issuers:N:*"). <see cref="Issuer"/> may contain "{tenantid}"
/// (Entra multi-tenant apps: one issuer per directory), filled from the token's tenant claim.
/// </summary>
public sealed record IssuerSettings(string? Issuer, string? MetadataAddress, string? Authority, string TenantClaim = "tid", string UserIdClaim = "oid")
{
    public const string TenantPlaceholder = "{tenantid}";

    /// <summary>Where the OIDC metadata (and through it the signing keys) comes from.</summary>
    public string? Metadata => !string.IsNullOrWhiteSpace(MetadataAddress) ? MetadataAddress
        : string.IsNullOrWhiteSpace(Authority) ? null
        : Authority.TrimEnd('/') + "/.well-known/openid-configuration";

    /// <summary>True when <paramref name="iss"/> is this issuer, for a token whose tenant claim is <paramref name="directoryId"/>.</summary>
    public bool Matches(string iss, string? directoryId)
    {
        if (Issuer is null)
        {
            return false;
        }

        if (!Issuer.Contains(TenantPlaceholder, StringComparison.OrdinalIgnoreCase))
        {
            return string.Equals(iss, Issuer, StringComparison.Ordinal);
        }

        return Guid.TryParse(directoryId, out _)
            && string.Equals(iss, Issuer.Replace(TenantPlaceholder, directoryId, StringComparison.OrdinalIgnoreCase), StringComparison.Ordinal);
    }
}
