using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Storage;
using EdTech.Infrastructure.Identity;
using EdTech.Infrastructure.Storage.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EdTech.Bff.Tests.Infrastructure;

/// <summary>The real LocalHost (same Program, pipeline, store, durable engine and pump) on a temp data folder.</summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public ApiFactory()
    {
        // Short path: the durable engine's Unix socket lives in the data folder (108-byte limit).
        DataDirectory = Path.Combine("/tmp", "edt-" + Guid.NewGuid().ToString("n")[..10]);
        Directory.CreateDirectory(DataDirectory);
        Issuer = LocalTokenIssuer.ForDataDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    public LocalTokenIssuer Issuer { get; }

    /// <summary>Set before first use to control the server's clock.</summary>
    public FakeTimeProvider? Clock { get; init; }

    /// <summary>Set before first use to give the server a chat model (a scripted fake); none by default, as with no OpenAI:Endpoint.</summary>
    public IChatClient? ChatClient { get; init; }

    /// <summary>Set before first use to wrap the store adapter under the erasure guard every service sees (e.g. to stage a race).</summary>
    public Func<IDocumentStore, IDocumentStore>? StoreDecorator { get; init; }

    /// <summary>
    /// Settings given to the host. <c>Tagging:DebounceSeconds</c> defaults to an hour here, so change-feed tagging (on by default)
    /// never writes suggestions in the background of unrelated tests (store snapshots); its own tests set a short window.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Set before first use to replace or decorate services (e.g. count the tagger's calls).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    public string Token(string tenant, string user, params string[] roles) => Issuer.Mint(tenant, user, roles, TimeSpan.FromHours(1));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Data", DataDirectory);
        builder.UseEnvironment("Development");
        builder.UseSetting("Tagging:DebounceSeconds", "3600");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (TestServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }

        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        }

        if (StoreDecorator is { } decorate)
        {
            // Under the erasure guard, as the composition places the adapter: the wrapper sees the raw writes.
            builder.ConfigureTestServices(s => s.AddSingleton<IDocumentStore>(p => new ErasureGuardedStore(decorate(p.GetRequiredService<SqliteDocumentStore>()))));
        }

        if (ChatClient is { } chat)
        {
            builder.ConfigureTestServices(s => s.AddSingleton(chat));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file may still be closing.
        }
    }
}
