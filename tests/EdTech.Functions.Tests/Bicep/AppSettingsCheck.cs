using System.Text.Json.Nodes;
using EdTech.Application.Privacy.Erasure;
using EdTech.Application.Storage;
using EdTech.Infrastructure.Ai;
using EdTech.Infrastructure.Caching;
using EdTech.Infrastructure.Cosmos;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdTech.Functions.Tests.Bicep;

/// <summary>
/// Feeds a Function app's app settings (as Azure passes them: environment variables, <c>__</c> = <c>:</c>) into
/// the app's own composition (<see cref="FunctionsComposition.Configure"/> in the Production environment, host
/// built, nothing started), records every key the app reads, and lists what would go wrong in Azure.
/// </summary>
internal static class AppSettingsCheck
{
    /// <summary>A setting (or every setting with a name prefix, ending in "*") read by the Functions host or a platform library, not the app's configuration.</summary>
    internal sealed record HostRead(string Name, string Reader, Func<bool>? Proof = null);

    /// <summary>Settings Bicep writes for something outside the app's IConfiguration, each with its reader and, where the repo holds it, the proof it is read.</summary>
    public static IReadOnlyList<HostRead> HostReadSettings { get; } =
    [
        new("AzureWebJobsStorage__*", "the Functions host: its own storage account, identity-based (accountName, credential=managedidentity, clientId)"),
        new("TASKHUB_NAME", "the Functions host: host.json extensions.durableTask.hubName = %TASKHUB_NAME%", () => HostJson().Contains("%TASKHUB_NAME%", StringComparison.Ordinal)),
        new("DURABLE_TASK_SCHEDULER_CONNECTION_STRING", "the Functions host: host.json durableTask.storageProvider.connectionStringName (Durable Task Scheduler)",
            () => (string?)JsonNode.Parse(HostJson())?["extensions"]?["durableTask"]?["storageProvider"]?["connectionStringName"] == "DURABLE_TASK_SCHEDULER_CONNECTION_STRING"),
        new("*_SCHEDULE", "the Functions host: TimerTrigger(\"%…_SCHEDULE%\") in functions/EdTech.Functions/Timers", null),
        new("APPLICATIONINSIGHTS_CONNECTION_STRING", "the Functions host's telemetry, and FunctionsTelemetry (worker exporter) when set"),
        new("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "the Functions host and the Azure Monitor exporter: Entra (managed identity) auth to Application Insights"),
        new("AZURE_CLIENT_ID", "Azure.Identity's DefaultAzureCredential, from the environment: the user-assigned identity of the Cosmos DB and Azure OpenAI clients"),
        new("CosmosTrigger__*", "the Functions host's Cosmos DB extension: the identity-based connection named \"CosmosTrigger\" of the change-feed triggers",
            () => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root(), "functions", "EdTech.Functions", "ChangeFeed"), "*.cs")
                .Any(f => File.ReadAllText(f).Contains("\"CosmosTrigger\"", StringComparison.Ordinal))),
    ];

    /// <summary>
    /// Settings Bicep writes ahead of the code that reads them (being built in parallel). Once
    /// the app reads one, the check says so, so this list cannot outlive its reason.
    /// </summary>
    public static IReadOnlyDictionary<string, string> PendingReaders { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    /// <summary>What the app needs in Azure, by setting, and why (start-up refuses without some; the others would silently degrade).</summary>
    public static IReadOnlyDictionary<string, string> RequiredInAzure { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage__accountName"] = "the host's storage",
        ["AzureWebJobsStorage__credential"] = "identity-based host storage",
        ["AzureWebJobsStorage__clientId"] = "the user-assigned identity for host storage",
        ["AZURE_CLIENT_ID"] = "DefaultAzureCredential picks the user-assigned identity (there is no system-assigned one)",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "telemetry",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "telemetry with local auth off",
        ["Store__Provider"] = "Cosmos DB instead of a per-instance SQLite file",
        ["Store__Cosmos__Endpoint"] = "the Cosmos DB account",
        ["Store__Cosmos__Database"] = "the database Bicep creates",
        ["CosmosTrigger__accountEndpoint"] = "the change-feed triggers' account",
        ["CosmosTrigger__credential"] = "the change-feed triggers sign in with the managed identity",
        ["CosmosTrigger__clientId"] = "the user-assigned identity of the triggers",
        ["Redis__HostName"] = "the shared L2 cache (Azure Managed Redis)",
        ["Redis__Port"] = "Azure Managed Redis listens on 10000",
        ["Redis__ClientId"] = "the identity that gets the Redis token",
        ["OpenAI__Endpoint"] = "GenAI features",
        ["OpenAI__Deployment"] = "the chat model deployment",
        ["ServiceBus__FullyQualifiedNamespace"] = "integration events and notifications leave through Service Bus",
        ["ServiceBus__Topic"] = "the integration-events topic",
        ["ServiceBus__ClientId"] = "the identity that sends to Service Bus",
        ["Auth__Audience"] = "token validation",
        ["Auth__Issuers__0__Issuer"] = "token validation",
        ["Auth__Issuers__0__MetadataAddress"] = "token validation keys",
    };

    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, string> settings)
    {
        var problems = new List<string>();
        var required = RequiredInAzure.Keys.Concat(HostSettings.Required.Select(s => s.Name));
        problems.AddRange(required.Where(n => !settings.ContainsKey(n)).Select(n => $"App setting {n} is missing{(RequiredInAzure.TryGetValue(n, out var why) ? ": " + why : "")}."));

        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Environment.EnvironmentName = Environments.Production;
        var recording = new RecordingSource(settings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value, StringComparer.OrdinalIgnoreCase));
        ((IConfigurationBuilder)builder.Configuration).Add(recording);
        IHost host;
        try
        {
            FunctionsComposition.Configure(builder);
            host = builder.Build();
        }
        catch (InvalidOperationException error)
        {
            problems.Add("The Functions app refuses to start: " + error.Message);
            return problems;
        }

        using (host)
        {
            var services = host.Services;
            problems.AddRange(StoreProblems(services, settings));
            problems.AddRange(CacheProblems(services, settings));
            problems.AddRange(OpenAiProblems(services));
            problems.AddRange(IdentityProblems(settings));
            problems.AddRange(DurableProblems(settings));
            problems.AddRange(ServiceBusProblems(settings));
        }

        foreach (var name in settings.Keys)
        {
            var key = name.Replace("__", ":", StringComparison.Ordinal);
            var read = recording.Read.Contains(key);
            var hostRead = HostReadSettings.FirstOrDefault(h => Matches(h.Name, name));
            if (PendingReaders.TryGetValue(name, out var pending))
            {
                if (read)
                {
                    problems.Add($"App setting {name} is read by the app now: remove it from AppSettingsCheck.PendingReaders ({pending}).");
                }
            }
            else if (hostRead is not null)
            {
                if (hostRead.Proof is { } proof && !proof())
                {
                    problems.Add($"App setting {name} is said to be read by {hostRead.Reader}, but the repo no longer shows that reader.");
                }
            }
            else if (!read)
            {
                problems.Add($"App setting {name} is set by Bicep but nothing reads it (not the app's configuration, not the host).");
            }
        }

        foreach (var schedule in settings.Keys.Where(n => n.EndsWith("_SCHEDULE", StringComparison.Ordinal)))
        {
            if (!TimerSources().Contains($"%{schedule}%", StringComparison.Ordinal))
            {
                problems.Add($"App setting {schedule} names no timer: no TimerTrigger(\"%{schedule}%\") in functions/EdTech.Functions/Timers.");
            }
        }

        return problems;
    }

    private static string Describe(IDocumentStore? store) => store switch
    {
        null => "missing",
        ErasureGuardedStore guarded => $"{nameof(ErasureGuardedStore)} over {guarded.Inner.GetType().Name}",
        _ => store.GetType().Name,
    };

    private static IEnumerable<string> StoreProblems(IServiceProvider services, IReadOnlyDictionary<string, string> settings)
    {
        // Every service sees the Cosmos adapter under the erasure guard (docs/api-admin-privacy.md).
        if (services.GetService<IDocumentStore>() is not ErasureGuardedStore { Inner: CosmosDocumentStore })
        {
            yield return $"The store is {Describe(services.GetService<IDocumentStore>())}, not Cosmos DB under the erasure guard (Store__Provider).";
            yield break;
        }

        var cosmos = services.GetRequiredService<CosmosStoreOptions>();
        if (cosmos.Key is not null)
        {
            yield return "The Cosmos DB store signs in with a key (Store__Cosmos__Key), not the managed identity.";
        }

        if (settings.TryGetValue("CosmosTrigger__accountEndpoint", out var triggerAccount) && new Uri(triggerAccount) != cosmos.Endpoint)
        {
            yield return $"CosmosTrigger__accountEndpoint ({triggerAccount}) is not the store's account ({cosmos.Endpoint}).";
        }

        if (settings.GetValueOrDefault("CosmosTrigger__credential") is { } credential && !credential.Equals("managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"CosmosTrigger__credential must be managedidentity, not '{credential}'.";
        }
    }

    private static IEnumerable<string> CacheProblems(IServiceProvider services, IReadOnlyDictionary<string, string> settings)
    {
        var options = services.GetRequiredService<EdTechCacheOptions>();
        if (!options.UsesRedis || services.GetService<IDistributedCache>() is not ResilientDistributedCache)
        {
            yield return "Redis is provisioned but the cache runs in memory only: no Redis__HostName (Azure Managed Redis, Entra ID).";
            yield break;
        }

        if (options.RedisConnectionString is not null)
        {
            yield return "Redis is reached with a connection string (Redis__ConnectionString); Azure Managed Redis has access keys off: use Redis__HostName with Entra ID.";
            yield break;
        }

        var redis = EdTechCacheServiceCollectionExtensions.RedisConfiguration(options);
        if (!redis.Ssl || redis.EndPoints.Single() is not System.Net.DnsEndPoint { Port: 10000 } endpoint || endpoint.Host != settings.GetValueOrDefault("Redis__HostName"))
        {
            yield return $"Redis is not TLS to the Azure Managed Redis host on port 10000 ({string.Join(",", redis.EndPoints)}, ssl={redis.Ssl}).";
        }

        if (services.GetService<RedisEntraToken>() is null)
        {
            yield return "Redis has no Microsoft Entra token source.";
        }
    }

    private static IEnumerable<string> OpenAiProblems(IServiceProvider services)
    {
        if (services.GetService<OpenAiSettings>() is null || services.GetService<IChatClient>() is null)
        {
            yield return "Azure OpenAI is provisioned but GenAI is off: no OpenAI__Endpoint / OpenAI__Deployment.";
        }
    }

    private static IEnumerable<string> IdentityProblems(IReadOnlyDictionary<string, string> settings)
    {
        var clientId = settings.GetValueOrDefault("AZURE_CLIENT_ID");
        foreach (var name in new[] { "AzureWebJobsStorage__clientId", "CosmosTrigger__clientId", "Redis__ClientId", "ServiceBus__ClientId" })
        {
            if (settings.TryGetValue(name, out var value) && value != clientId)
            {
                yield return $"App setting {name} ({value}) is not the app's user-assigned identity (AZURE_CLIENT_ID {clientId}).";
            }
        }

        if (settings.GetValueOrDefault("AzureWebJobsStorage__credential") is { } credential && credential != "managedidentity")
        {
            yield return $"AzureWebJobsStorage__credential must be managedidentity, not '{credential}'.";
        }

        if (settings.GetValueOrDefault("APPLICATIONINSIGHTS_AUTHENTICATION_STRING") is { } auth && auth != $"ClientId={clientId};Authorization=AAD")
        {
            yield return $"APPLICATIONINSIGHTS_AUTHENTICATION_STRING is '{auth}', not Entra auth with the app's identity.";
        }
    }

    private static IEnumerable<string> DurableProblems(IReadOnlyDictionary<string, string> settings)
    {
        var provider = JsonNode.Parse(HostJson())?["extensions"]?["durableTask"]?["storageProvider"];
        if ((string?)provider?["type"] != "azureManaged")
        {
            yield return $"host.json's durable provider is '{provider?["type"]}', not azureManaged (Durable Task Scheduler).";
        }

        var parts = (settings.GetValueOrDefault("DURABLE_TASK_SCHEDULER_CONNECTION_STRING") ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1].Trim() : "", StringComparer.OrdinalIgnoreCase);
        if (!Uri.TryCreate(parts.GetValueOrDefault("Endpoint"), UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps
            || !string.Equals(parts.GetValueOrDefault("Authentication"), "ManagedIdentity", StringComparison.OrdinalIgnoreCase)
            || parts.GetValueOrDefault("ClientID") != settings.GetValueOrDefault("AZURE_CLIENT_ID"))
        {
            yield return "DURABLE_TASK_SCHEDULER_CONNECTION_STRING is not an https scheduler endpoint with Authentication=ManagedIdentity and the app's ClientID.";
        }
    }

    private static IEnumerable<string> ServiceBusProblems(IReadOnlyDictionary<string, string> settings)
    {
        if (settings.GetValueOrDefault("ServiceBus__FullyQualifiedNamespace") is { } ns && !ns.EndsWith(".servicebus.windows.net", StringComparison.Ordinal))
        {
            yield return $"ServiceBus__FullyQualifiedNamespace '{ns}' is not a Service Bus host name (….servicebus.windows.net).";
        }

        if (settings.GetValueOrDefault("ServiceBus__Topic") is { } topic && topic != "integration-events")
        {
            yield return $"ServiceBus__Topic is '{topic}', not integration-events.";
        }
    }

    private static bool Matches(string pattern, string name) =>
        pattern.StartsWith('*') ? name.EndsWith(pattern[1..], StringComparison.Ordinal)
        : pattern.EndsWith('*') ? name.StartsWith(pattern[..^1], StringComparison.Ordinal)
        : pattern == name;

    private static string HostJson() => File.ReadAllText(Path.Combine(RepoPaths.Root(), "host.json"));

    private static string TimerSources() => string.Concat(
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root(), "functions", "EdTech.Functions", "Timers"), "*.cs").Select(File.ReadAllText));

    /// <summary>An in-memory configuration source that remembers every key the app asks it for.</summary>
    private sealed class RecordingSource(IDictionary<string, string?> data) : IConfigurationSource
    {
        public HashSet<string> Read { get; } = new(StringComparer.OrdinalIgnoreCase);

        public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this, data);

        private sealed class Provider : ConfigurationProvider
        {
            private readonly RecordingSource _source;

            public Provider(RecordingSource source, IDictionary<string, string?> data)
            {
                _source = source;
                foreach (var (key, value) in data)
                {
                    Data[key] = value;
                }
            }

            public override bool TryGet(string key, out string? value)
            {
                lock (_source.Read)
                {
                    _source.Read.Add(key);
                }

                return base.TryGet(key, out value);
            }
        }
    }
}
