using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Infrastructure.Tests.Ai;

/// <summary>
/// A Kestrel server on 127.0.0.1:0 speaking the Azure OpenAI chat-completions wire format. Each request
/// takes the next scripted answer (status code, or a hang); it records path and Authorization header.
/// </summary>
public sealed class FakeAzureOpenAi : IAsyncDisposable
{
    public const int Hang = -1;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _script = new();

    private FakeAzureOpenAi(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<(string Path, string Authorization)> Requests { get; } = new();

    /// <summary>Completes when a hanging request ran its full 30 s without the client dropping it.</summary>
    public TaskCompletionSource HangEndedByItself { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakeAzureOpenAi> StartAsync(params int[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeAzureOpenAi(app);
        foreach (var step in script)
        {
            fake._script.Enqueue(step);
        }

        app.MapPost("/openai/deployments/{deployment}/chat/completions", fake.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Endpoint = new Uri(address + "/");
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        Requests.Enqueue((context.Request.Path.Value!, context.Request.Headers.Authorization.ToString()));
        var step = _script.TryDequeue(out var s) ? s : 200;
        if (step == Hang)
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            if (!context.RequestAborted.IsCancellationRequested)
            {
                HangEndedByItself.TrySetResult();
            }

            return;
        }

        context.Response.StatusCode = step;
        context.Response.ContentType = "application/json";
        if (step != (int)HttpStatusCode.OK)
        {
            context.Response.Headers["retry-after-ms"] = "10";
            await context.Response.WriteAsync("""{"error":{"code":"busy","message":"try again"}}""");
            return;
        }

        await context.Response.WriteAsync("""
            {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"{\"tags\":[\"fractions\"],\"difficulty\":\"easy\"}"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}
            """);
    }
}
