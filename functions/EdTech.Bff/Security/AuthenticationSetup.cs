using EdTech.Bff.Security.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace EdTech.Bff.Security;

public static class AuthenticationSetup
{
    /// <summary>
    /// One JWT bearer scheme over every <see cref="TrustedIssuer"/>: the configured production issuers
    /// (<see cref="AuthSettings"/>, keys from their OIDC metadata) and whatever the host adds (the
    /// LocalHost's local issuer; the Functions app adds none). Each token is checked against its own
    /// issuer's audience and keys; directory tokens are then mapped to platform claims.
    /// </summary>
    public static IServiceCollection AddEdTechAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(AuthSettings.From(configuration).EnsureValid(requireIssuer: false));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<TrustedIssuers>(sp));
        services.AddSingleton<DirectoryClaimsMapper>();
        services.AddSingleton(TokenRules.From(configuration));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        return services;
    }

    private sealed class ConfigureJwtBearer(TrustedIssuers issuers, DirectoryClaimsMapper mapper) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(JwtBearerOptions options) => Configure(JwtBearerDefaults.AuthenticationScheme, options);

        public void Configure(string? name, JwtBearerOptions options)
        {
            if (name != JwtBearerDefaults.AuthenticationScheme)
            {
                return;
            }

            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                NameClaimType = EdTechClaims.Subject,
                RoleClaimType = EdTechClaims.Roles,
                ClockSkew = TimeSpan.FromSeconds(30),
                ValidateIssuerSigningKey = true,
                IssuerValidator = (iss, token, _) => issuers.Find(iss, token) is not null ? iss
                    : throw new SecurityTokenInvalidIssuerException("The token's issuer is not trusted."),
                AudienceValidator = (audiences, token, _) => issuers.Find(token.Issuer, token) is { } i && audiences.Contains(i.Audience, StringComparer.Ordinal),
                IssuerSigningKeyResolver = (_, token, kid, _) => issuers.Find(token.Issuer, token)?.Keys
                    .Where(k => string.IsNullOrEmpty(kid) || k.KeyId is null || k.KeyId == kid).ToList() ?? [],
            };
            options.Events = new JwtBearerEvents
            {
                // Keys are fetched (or taken from the managers' cache) only for requests that carry a token,
                // so anonymous calls such as health checks never wait on an identity provider.
                OnMessageReceived = context => context.Request.Headers.Authorization.Count > 0
                    ? issuers.RefreshKeysAsync(context.HttpContext.RequestAborted).AsTask()
                    : Task.CompletedTask,
                OnTokenValidated = mapper.MapAsync,
                OnAuthenticationFailed = context =>
                {
                    if (context.Exception is SecurityTokenSignatureKeyNotFoundException)
                    {
                        issuers.RequestRefresh();
                    }

                    return Task.CompletedTask;
                },
            };
        }
    }
}
