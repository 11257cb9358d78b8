using EdTech.Bff.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;

namespace EdTech.Bff.Tests.Identity;

/// <summary>The real LocalHost configured with one Entra-style issuer (the <see cref="TestDirectory"/>) next to its local issuer.</summary>
public sealed class EntraHost : IDisposable
{
    public const string PlatformDirectory = "0f0f0f0f-0000-4000-8000-000000000001";

    public EntraHost()
    {
        App = Local.WithWebHostBuilder(b =>
        {
            b.UseSetting("Auth:Audience", TestDirectory.Audience);
            b.UseSetting("Auth:Issuers:0:Issuer", TestDirectory.IssuerTemplate);
            b.UseSetting("Auth:Issuers:0:MetadataAddress", TestDirectory.MetadataAddress);
            b.UseSetting("Auth:PlatformDirectoryIds:0", PlatformDirectory);
            b.ConfigureTestServices(s => s.AddSingleton<IDocumentRetriever>(Directory));
        });
    }

    /// <summary>Owns the data folder and mints local-issuer tokens.</summary>
    public ApiFactory Local { get; } = new();

    public WebApplicationFactory<Program> App { get; }

    public TestDirectory Directory { get; } = new();

    public void Dispose()
    {
        App.Dispose();
        Local.Dispose();
        Directory.Dispose();
    }
}
