using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EdTech.Infrastructure.Ai;

public static class ChatClientServiceCollectionExtensions
{
    /// <summary>Activity source and meter name of the chat client's OpenTelemetry (gen_ai.* semantic conventions).</summary>
    public const string TelemetrySource = "EdTech.GenAI";

    /// <summary>
    /// Registers <see cref="IChatClient"/> over Azure OpenAI when <c>OpenAI:Endpoint</c> is set; otherwise
    /// registers nothing and GenAI features answer 503 genai-unavailable. Authenticates with the
    /// <see cref="TokenCredential"/> from DI if one is registered (tests), else <see cref="DefaultAzureCredential"/>
    /// (managed identity in Azure, picking <c>AZURE_CLIENT_ID</c>). Retries (<see cref="RetryingChatClient"/>), back-off
    /// and the per-attempt timeout come from configuration (see docs/genai.md).
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
        // Outermost first: one telemetry span and log scope per call, retries (RetryingChatClient) inside them; the
        // SDK's own retries are off, so attempts never multiply.
        services.AddChatClient(sp => CreateInner(settings, sp.GetRequiredService<TokenCredential>()))
            .UseOpenTelemetry(sourceName: TelemetrySource)
            .UseLogging()
            .Use((inner, sp) => new RetryingChatClient(inner, RetryOptions(settings), sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetRequiredService<ILogger<RetryingChatClient>>()));
        return services;
    }

    /// <summary>The retry layer's options: <c>OpenAI:MaxRetries</c>, <c>OpenAI:RetryDelayMilliseconds</c>, a 30 s cap per wait, <c>OpenAI:RetryTotalSeconds</c>.</summary>
    public static ChatRetryOptions RetryOptions(OpenAiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ChatRetryOptions(settings.MaxRetries, settings.RetryDelay, TimeSpan.FromSeconds(30), settings.RetryTotal);
    }

    /// <summary>The bare Azure OpenAI chat client (no logging, telemetry or retries: the SDK's are off), for one deployment.</summary>
    public static IChatClient CreateInner(OpenAiSettings settings, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new AzureOpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = settings.Timeout,
        };
        return new AzureOpenAIClient(settings.Endpoint, credential, options).GetChatClient(settings.Deployment).AsIChatClient();
    }
}
