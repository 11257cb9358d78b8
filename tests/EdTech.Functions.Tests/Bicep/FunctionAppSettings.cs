using System.Text.Json.Nodes;

namespace EdTech.Functions.Tests.Bicep;

/// <summary>
/// The Function app's app settings exactly as bicep/main.bicep writes them (siteConfig.appSettings of the
/// Microsoft.Web/sites resource in the functions module), for one set of deployment parameters. Values only Azure
/// knows (endpoints, the identity's client id) are replaced by the examples in <see cref="Placeholders"/>.
/// </summary>
internal static class FunctionAppSettings
{
    public const string ClientId = "00000000-0000-0000-0000-0000000000c1";

    /// <summary>The deployment's inputs (what azd passes from bicep/main.parameters.json).</summary>
    public static IReadOnlyDictionary<string, object?> Parameters { get; } = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
    {
        ["environmentName"] = "edtech-test",
        ["location"] = "westeurope",
        ["authAudience"] = "api://edtech-api",
        ["authIssuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0",
        ["authMetadataAddress"] = "https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration",
        ["platformDirectoryId"] = "11111111-2222-3333-4444-555555555555",
        ["corsAllowedOrigins"] = "https://app.school.example, https://admin.school.example",
        ["apimPublisherEmail"] = "ops@school.example",
    };

    /// <summary>"module.output" → an example of what Azure returns for it at deployment.</summary>
    public static IReadOnlyDictionary<string, object?> Placeholders { get; } = new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["identity.clientId"] = ClientId,
        ["identity.principalId"] = "00000000-0000-0000-0000-0000000000b1",
        ["monitoring.appInsightsConnectionString"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/",
        ["durable.endpoint"] = "https://dts-example.westeurope.durabletask.io",
        ["cosmos.endpoint"] = "https://cosmos-example.documents.azure.com:443/",
        ["redis.hostName"] = "amr-example.westeurope.redis.azure.net",
        ["openAi.endpoint"] = "https://cog-example.openai.azure.com/",
        ["storage.deploymentContainerUrl"] = "https://stexample.blob.core.windows.net/deployments",
    };

    /// <summary>Name → value of every app setting of the Function app; a value Azure alone knows and no placeholder covers fails.</summary>
    public static IReadOnlyDictionary<string, string> FromMainBicep() => From(BicepCli.MainTemplateJson());

    public static IReadOnlyDictionary<string, string> From(JsonObject compiledMain)
    {
        var functions = CompiledTemplate.Root(compiledMain, Parameters, Placeholders).Module("functions");
        var site = functions.Resources().Single(r => (string?)r.Resource["type"] == "Microsoft.Web/sites").Resource;
        var list = functions.Evaluate(site["properties"]?["siteConfig"]?["appSettings"]) as IList<object?>
            ?? throw new InvalidOperationException("the Function app's siteConfig.appSettings is not a list");
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in list.Cast<IDictionary<string, object?>>())
        {
            var name = (string)item["name"]!;
            settings[name] = item["value"] switch
            {
                string text => text,
                long number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                bool flag => flag ? "true" : "false",
                var other => throw new InvalidOperationException(
                    $"App setting {name} is {other}: only Azure knows it; add a placeholder for that module output to FunctionAppSettings.Placeholders."),
            };
        }

        return settings;
    }
}
