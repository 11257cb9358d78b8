using EdTech.Bff.Security.Identity;
using EdTech.Infrastructure.Identity;

namespace EdTech.LocalHost;

/// <summary>The LocalHost's own issuer (key in the data folder), trusted here only; the Functions app never registers it.</summary>
public static class LocalIssuerTrust
{
    public static IServiceCollection AddLocalIssuerTrust(this IServiceCollection services) =>
        services.AddSingleton(sp => TrustedIssuer.WithStaticKey(LocalTokenIssuer.Issuer, LocalTokenIssuer.Audience, sp.GetRequiredService<LocalTokenIssuer>().SigningKey));
}
