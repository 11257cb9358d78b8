using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace EdTech.Bff.Security;

public static class AuthenticationSetup
{
    /// <summary>
    /// JWT bearer with API.md's claims as they are (no inbound claim mapping). Production issuers come
    /// from configuration ("Auth:Authority", "Auth:Audience"); the LocalHost adds its local issuer on top
    /// with <c>AddLocalIssuer</c>, which the Functions app never calls.
    /// </summary>
    public static IServiceCollection AddEdTechAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.Authority = configuration["Auth:Authority"];
            options.Audience = configuration["Auth:Audience"] ?? EdTechClaims.Audience;
            options.RequireHttpsMetadata = true;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                NameClaimType = EdTechClaims.Subject,
                RoleClaimType = EdTechClaims.Roles,
                ValidAudience = configuration["Auth:Audience"] ?? EdTechClaims.Audience,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
        return services;
    }
}
