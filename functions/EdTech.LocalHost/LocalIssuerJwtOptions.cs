using EdTech.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace EdTech.LocalHost;

/// <summary>Points JWT validation at the local issuer only: no metadata download, the data folder's key.</summary>
public sealed class LocalIssuerJwtOptions(LocalTokenIssuer issuer) : IPostConfigureOptions<JwtBearerOptions>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        options.Authority = null;
        options.RequireHttpsMetadata = false;
        options.TokenValidationParameters.ValidIssuer = LocalTokenIssuer.Issuer;
        options.TokenValidationParameters.ValidAudience = LocalTokenIssuer.Audience;
        options.TokenValidationParameters.IssuerSigningKey = issuer.SigningKey;
        options.TokenValidationParameters.ValidateIssuerSigningKey = true;
    }
}
