using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using EdTech.Infrastructure.Ai;
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
/// The chat client's gen_ai spans and metrics (source "EdTech.GenAI") are included.
/// </summary>
public static class FunctionsTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

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
        builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(t => t.AddSource(ChatClientServiceCollectionExtensions.TelemetrySource))
            .WithMetrics(m => m.AddMeter(ChatClientServiceCollectionExtensions.TelemetrySource))
            .UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = connectionString;
                if (useEntra)
                {
                    // AZURE_CLIENT_ID (set by Bicep) makes this the app's user-assigned identity.
                    o.Credential = new DefaultAzureCredential();
                }
            });
        return true;
    }
}
