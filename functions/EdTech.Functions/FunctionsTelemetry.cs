using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using EdTech.Bff.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EdTech.Functions;

/// <summary>
/// host.json sets "telemetryMode": "OpenTelemetry", so the worker exports its own traces, metrics and logs.
/// To Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is set (Azure), by Entra identity when
/// APPLICATIONINSIGHTS_AUTHENTICATION_STRING says Authorization=AAD (local auth is off there); else nothing.
/// Sources, meters, instrumentations and sampling are the shared wiring both hosts use (<see cref="TelemetrySetup"/>: the
/// "EdTech" source and meter, the chat client's gen_ai spans, Durable Task, Cosmos, Service Bus, ASP.NET Core, HttpClient);
/// this class adds only the worker's defaults and the Azure Monitor exporter (docs/observability.md).
/// </summary>
public static class FunctionsTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string ServiceName = "edtech-functions";

    /// <summary>True when an exporter was added.</summary>
    public static bool AddTo(FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        var useEntra = (builder.Configuration[AuthenticationSetting] ?? string.Empty).Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddEdTechTelemetry(builder.Configuration, ServiceName)
            .UseFunctionsWorkerDefaults()
            .UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = connectionString;
                if (useEntra)
                {
                    // AZURE_CLIENT_ID (set by Bicep) makes this the app's user-assigned identity.
                    o.Credential = new DefaultAzureCredential();
                }
            })
            // Ours, not the exporter's: the same parent-based ratio and error rule as the LocalHost (the last sampler set wins).
            .WithTracing(t => t.SetSampler(TelemetrySetup.Sampler(TelemetrySettings.From(builder.Configuration))));
        return true;
    }
}
