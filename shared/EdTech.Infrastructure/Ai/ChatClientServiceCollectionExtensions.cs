using Azure.AI.OpenAI;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdTech.Infrastructure.Ai;

public static class ChatClientServiceCollectionExtensions
{
    /// <summary>Activity source and meter name of the chat client's OpenTelemetry (gen_ai.* semantic conventions).</summary>
    public const string TelemetrySource = "EdTech.GenAI";

    /// <summary>
    /// Registers <see cref="IChatClient"/> over Azure OpenAI when <c>OpenAI:Endpoint</c> is set; otherwise
    /// registers nothing and GenAI features answer 503 genai-unavailable. Authenticates with the
    /// <see cref="TokenCredential"/> from DI if one is registered (tests), else <see cref="DefaultAzureCredential"/>
    /// (managed identity in Azure, picking <c>AZURE_CLIENT_ID</c>). Retries, back-off and the per-attempt
    /// timeout come from configuration (see docs/genai.md).
    /// </summary>
    public static IServiceCollection AddEdTechChatClient(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = OpenAiSettings.From(configuration);
        if (settings is null)
        {
            return services;
        }

        services.AddSingleton(settings);
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.AddChatClient(sp => CreateInner(settings, sp.GetRequiredService<TokenCredential>()))
            .UseOpenTelemetry(sourceName: TelemetrySource)
            .UseLogging();
        return services;
    }

    /// <summary>The bare Azure OpenAI chat client (no logging or telemetry), for one deployment.</summary>
    public static IChatClient CreateInner(OpenAiSettings settings, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new AzureOpenAIClientOptions
        {
            RetryPolicy = new BackoffRetryPolicy(settings.MaxRetries, settings.RetryDelay),
            NetworkTimeout = settings.Timeout,
        };
        return new AzureOpenAIClient(settings.Endpoint, credential, options).GetChatClient(settings.Deployment).AsIChatClient();
    }
}
