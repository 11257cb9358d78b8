using EdTech.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdTech.Functions.Tests;

/// <summary>
/// The real Functions app host, composed exactly as Program.cs composes it, built but never run.
/// Its SQLite store lives in a temp folder removed on dispose.
/// </summary>
public sealed class FunctionsHostFixture : IDisposable
{
    public const string Authority = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "edtech-functests-" + Guid.NewGuid().ToString("N"));

    public FunctionsHostFixture()
        : this(configureServices: null)
    {
    }

    /// <summary>The same host with <paramref name="configureServices"/> applied after the app's own composition (test-only additions).</summary>
    internal FunctionsHostFixture(Action<IServiceCollection>? configureServices)
    {
        Directory.CreateDirectory(_data);
        var builder = FunctionsApplication.CreateBuilder([]);
        // Development: the only environment where the Functions app may keep its store in a local SQLite file.
        builder.Environment.EnvironmentName = Environments.Development;
        builder.Configuration["Data"] = _data;
        builder.Configuration["Auth:Authority"] = Authority;
        builder.Configuration["Auth:Audience"] = "api://edtech-api";
        WithHostSettings(builder.Configuration);
        FunctionsComposition.Configure(builder);
        configureServices?.Invoke(builder.Services);
        Host = builder.Build();
    }

    public IHost Host { get; }

    /// <summary>The settings the Functions host itself needs (local.settings.sample.json has the same).</summary>
    public static void WithHostSettings(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        configuration["TASKHUB_NAME"] = "edtech";
        configuration["DURABLE_TASK_SCHEDULER_CONNECTION_STRING"] = "Endpoint=http://localhost:8080;Authentication=None";
        configuration["RECONCILE_GRADING_SCHEDULE"] = "0 */5 * * * *";
        configuration["RELEASE_DUE_SCHEDULE"] = "0 * * * * *";
        configuration["NIGHTLY_RELEASE_SCHEDULE"] = "0 0 * * * *";
        configuration["CALIBRATE_SCHEDULE"] = "0 30 2 * * *";
    }

    /// <summary>What the worker does for an HTTP invocation: a context with scoped services, the function called, its result executed.</summary>
    public async Task<HttpResponseResult> InvokeAsync(Func<RoleFunctions, HttpRequest, Task<IActionResult>> function, string method, string path, string? bearerToken = null)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("edtech.example");
        context.Request.Path = path;
        if (bearerToken is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + bearerToken;
        }

        using var body = new MemoryStream();
        context.Response.Body = body;

        var functions = ActivatorUtilities.CreateInstance<RoleFunctions>(scope.ServiceProvider);
        var result = await function(functions, context.Request);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));

        return new HttpResponseResult(result, context.Response.StatusCode, context.Response.ContentType, System.Text.Encoding.UTF8.GetString(body.ToArray()), context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
    }

    public void Dispose()
    {
        Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed record HttpResponseResult(IActionResult Result, int StatusCode, string? ContentType, string Body, IReadOnlyDictionary<string, string> Headers);
