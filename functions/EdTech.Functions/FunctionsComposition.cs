using EdTech.Bff.Composition;
using EdTech.Bff.Security.Identity;
using EdTech.Functions.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using EdTech.Orchestrations.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdTech.Functions;

/// <summary>
/// Everything Program.cs does before Build/Run, so tests can build the same host without running it.
/// </summary>
public static class FunctionsComposition
{
    public static FunctionsApplicationBuilder Configure(FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Fail at start, naming the setting, rather than answer 401 to every request later.
        AuthSettings.From(builder.Configuration).EnsureValid(requireIssuer: true);
        HostSettings.EnsureValid(builder.Configuration, builder.Environment);
        builder.ConfigureFunctionsWebApplication();
        FunctionsTelemetry.AddTo(builder);
        builder.Services.AddEdTech(builder.Configuration);
        RolePipelines.AddTo(builder.Services);
        // The isolated worker has no DurableTaskClient in DI: each HTTP role function and timer binds its
        // [DurableClient] value here before it runs the shared pipeline or job.
        builder.Services.AddSingleton<InvocationDurableClientSource>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IDurableClientSource>(sp => sp.GetRequiredService<InvocationDurableClientSource>()));
        return builder;
    }
}
