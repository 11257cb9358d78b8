using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace EdTech.Infrastructure.Outbox;

/// <summary>
/// The <c>ServiceBus</c> configuration section (app settings <c>ServiceBus__FullyQualifiedNamespace</c>, <c>ServiceBus__Topic</c>,
/// <c>ServiceBus__ClientId</c>, optional <c>ServiceBus__MaxRetries</c>). Null from <see cref="From"/> when neither namespace nor
/// topic is set: the outbox goes to files. A half or malformed setting stops start-up, naming the setting.
/// </summary>
/// <param name="FullyQualifiedNamespace">Host name, e.g. <c>sb-abc.servicebus.windows.net</c> (a URL is reduced to its host).</param>
/// <param name="ClientId">Client id of the user-assigned managed identity; null: DefaultAzureCredential's own choice.</param>
/// <param name="MaxRetries">Send retries per batch (exponential back-off) before the publish fails and the change feed redelivers.</param>
public sealed record ServiceBusSettings(string FullyQualifiedNamespace, string Topic, string? ClientId, int MaxRetries)
{
    public const string Section = "ServiceBus";

    public static ServiceBusSettings? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var ns = section["FullyQualifiedNamespace"]?.Trim();
        var topic = section["Topic"]?.Trim();
        if (string.IsNullOrEmpty(ns))
        {
            return string.IsNullOrEmpty(topic)
                ? null
                : throw new InvalidOperationException("ServiceBus:FullyQualifiedNamespace is required when ServiceBus:Topic is set (e.g. sb-abc.servicebus.windows.net).");
        }

        if (string.IsNullOrEmpty(topic))
        {
            throw new InvalidOperationException("ServiceBus:Topic is required when ServiceBus:FullyQualifiedNamespace is set (the topic name, e.g. integration-events).");
        }

        var clientId = section["ClientId"]?.Trim();
        if (!string.IsNullOrEmpty(clientId) && !Guid.TryParse(clientId, out _))
        {
            throw new InvalidOperationException($"ServiceBus:ClientId must be the managed identity's client id (a GUID), not '{clientId}'.");
        }

        return new ServiceBusSettings(HostOf(ns), topic, string.IsNullOrEmpty(clientId) ? null : clientId, MaxRetriesFrom(section["MaxRetries"]));
    }

    private static string HostOf(string ns)
    {
        var host = Uri.TryCreate(ns, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? uri.Host : ns;
        return Uri.CheckHostName(host) == UriHostNameType.Dns && host.Contains('.', StringComparison.Ordinal)
            ? host
            : throw new InvalidOperationException($"ServiceBus:FullyQualifiedNamespace must be the namespace's host name, e.g. sb-abc.servicebus.windows.net (got '{ns}').");
    }

    private static int MaxRetriesFrom(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? 3
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 10
                ? value
                : throw new InvalidOperationException($"ServiceBus:MaxRetries must be a whole number from 0 to 10 (got '{text}').");
}
