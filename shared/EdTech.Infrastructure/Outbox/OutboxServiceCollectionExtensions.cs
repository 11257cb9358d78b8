using Azure.Identity;
using Azure.Messaging.ServiceBus;
using EdTech.Application.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdTech.Infrastructure.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IOutboxPublisher"/> and its <see cref="IOutboxArchive"/>: the Service Bus topic when <c>ServiceBus:FullyQualifiedNamespace</c> is set
    /// (Entra ID only: the namespace has local auth disabled; the user-assigned identity <c>ServiceBus:ClientId</c>), otherwise the
    /// files in <paramref name="dataDirectory"/>. Settings are read here, so a bad one stops start-up.
    /// </summary>
    public static IServiceCollection AddEdTechOutboxPublisher(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var settings = ServiceBusSettings.From(configuration);
        if (settings is null)
        {
            services.AddSingleton(sp => new FileOutboxPublisher(dataDirectory, sp.GetRequiredService<ILogger<FileOutboxPublisher>>()));
            services.AddSingleton<IOutboxPublisher>(sp => sp.GetRequiredService<FileOutboxPublisher>());
            services.AddSingleton<IOutboxArchive>(sp => sp.GetRequiredService<FileOutboxPublisher>());
            return services;
        }

        services.AddSingleton(settings);
        services.AddSingleton(_ => CreateClient(settings));
        services.AddSingleton(sp => sp.GetRequiredService<ServiceBusClient>().CreateSender(settings.Topic));
        services.AddSingleton<IOutboxPublisher, ServiceBusOutboxPublisher>();
        services.AddSingleton<IOutboxArchive, ServiceBusOutboxArchive>();
        return services;
    }

    public static ServiceBusClient CreateClient(ServiceBusSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = settings.ClientId });
        return new ServiceBusClient(settings.FullyQualifiedNamespace, credential, new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions
            {
                Mode = ServiceBusRetryMode.Exponential,
                MaxRetries = settings.MaxRetries,
                Delay = TimeSpan.FromSeconds(0.8),
                MaxDelay = TimeSpan.FromSeconds(30),
                TryTimeout = TimeSpan.FromSeconds(60),
            },
        });
    }
}
