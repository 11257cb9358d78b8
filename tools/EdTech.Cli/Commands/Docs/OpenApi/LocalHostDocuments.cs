extern alias localhost;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdTech.Cli.Commands.Docs.OpenApi;

/// <summary>
/// Hosts the LocalHost's own Program (its builder, <c>AddEdTech</c>, request pipeline and route catalog: what
/// <c>dotnet run --project functions/EdTech.LocalHost</c> serves) in-process on a throwaway SQLite data folder, asks
/// it for each role's OpenAPI document over its HTTP pipeline, and stops it. No port is opened (in-memory server).
/// </summary>
internal static class LocalHostDocuments
{
    public static async Task<IReadOnlyDictionary<string, string>> FetchAsync(IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        // Short path: the durable engine's Unix socket lives in the data folder (108-byte limit).
        var data = Path.Combine(Path.GetTempPath(), "edt-docs-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(data);
        using var umask = ProcessUmask.Preserve();
        try
        {
            await using var host = new Host(data);
            using var client = host.CreateClient();
            var documents = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var role in roles)
            {
                using var response = await client.GetAsync(new Uri($"/api/openapi/{role}.json", UriKind.Relative), cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET /api/openapi/{role}.json answered {(int)response.StatusCode}: {text}");
                }

                documents[role] = text;
            }

            return documents;
        }
        finally
        {
            TryDelete(data);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file may still be closing; it is a temp folder.
        }
    }

    private sealed class Host(string dataDirectory) : WebApplicationFactory<localhost::Program>
    {
        protected override IHost CreateHost(IHostBuilder builder)
        {
            // Content root: the throwaway folder (the LocalHost reads no content files). The factory's own choice is the
            // project folder from MvcTestingAppManifest.json in the current directory (only a test run's output folder
            // has it; `dotnet run --project tools/EdTech.Cli` runs in the repository root), else a guess that does not
            // exist. Host configuration reaches the LocalHost's WebApplication.CreateBuilder as command-line arguments,
            // and this source, added last, wins.
            builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection([new(HostDefaults.ContentRootKey, dataDirectory)]));
            return base.CreateHost(builder);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Data", dataDirectory);
            // The one-machine store whatever the caller's environment says (the documents do not depend on the store).
            builder.UseSetting("Store:Provider", "sqlite");
            builder.UseEnvironment("Production");
            // The host's own logs (start-up, durable engine) are not the command's output.
            builder.ConfigureLogging(l => l.ClearProviders());
        }
    }
}
