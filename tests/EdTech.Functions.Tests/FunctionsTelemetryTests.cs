using Microsoft.Azure.Functions.Worker.Builder;

namespace EdTech.Functions.Tests;

/// <summary>The worker exports OpenTelemetry to Application Insights only where a connection string is configured.</summary>
public sealed class FunctionsTelemetryTests
{
    private static FunctionsApplicationBuilder Builder(params (string Key, string Value)[] settings)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        return builder;
    }

    private static bool HasOpenTelemetry(FunctionsApplicationBuilder builder) =>
        builder.Services.Any(d => d.ServiceType.FullName?.StartsWith("OpenTelemetry.", StringComparison.Ordinal) == true);

    [Fact]
    public void AddTo_WithoutConnectionString_AddsNoExporter()
    {
        var builder = Builder();

        Assert.False(FunctionsTelemetry.AddTo(builder));
        Assert.False(HasOpenTelemetry(builder));
    }

    [Fact]
    public void AddTo_WithConnectionStringAndEntraAuth_AddsOpenTelemetry()
    {
        var builder = Builder(
            (FunctionsTelemetry.ConnectionStringSetting, "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1/"),
            (FunctionsTelemetry.AuthenticationSetting, "ClientId=11111111-1111-1111-1111-111111111111;Authorization=AAD"));

        Assert.True(FunctionsTelemetry.AddTo(builder));
        Assert.True(HasOpenTelemetry(builder));
    }
}
