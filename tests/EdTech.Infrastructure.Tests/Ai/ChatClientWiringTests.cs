using Azure.Core;
using EdTech.Infrastructure.Ai;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Infrastructure.Tests.Ai;

public sealed class ChatClientWiringTests
{
    private sealed class TestCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("test-token-" + string.Join(',', requestContext.Scopes), DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    public async Task TransientFailure_ThenSuccess_IsRetried(int firstStatus)
    {
        await using var server = await FakeAzureOpenAi.StartAsync(firstStatus, 200);
        using var provider = Provider(server, maxRetries: 2);

        var response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("hello");

        Assert.Contains("fractions", response.Text, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task PersistentFailure_GivesUpAfterConfiguredRetries()
    {
        await using var server = await FakeAzureOpenAi.StartAsync(503, 503, 503, 503, 200);
        using var provider = Provider(server, maxRetries: 1);

        await Assert.ThrowsAnyAsync<Exception>(() => provider.GetRequiredService<IChatClient>().GetResponseAsync("hello"));

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task HangingServer_HitsThePerCallTimeout()
    {
        await using var server = await FakeAzureOpenAi.StartAsync(FakeAzureOpenAi.Hang);
        using var provider = Provider(server, maxRetries: 0, timeoutSeconds: 1);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => provider.GetRequiredService<IChatClient>().GetResponseAsync("hello"));

        // An event, not a stopwatch: the call failed on the client's own timeout, before the server's 30 s hang could end it.
        // (On a busy machine the timeout can fire before the server's handler even starts, so "the server saw the drop" is
        // not asserted: only that the hang never ran out.)
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.False(server.HangEndedByItself.Task.IsCompleted);
    }

    [Fact]
    public async Task Request_NamesTheDeploymentInThePath_AndCarriesABearerToken()
    {
        await using var server = await FakeAzureOpenAi.StartAsync(200);
        using var provider = Provider(server, maxRetries: 0);

        await provider.GetRequiredService<IChatClient>().GetResponseAsync("hello");

        var (path, authorization) = Assert.Single(server.Requests);
        Assert.Equal("/openai/deployments/my-deployment/chat/completions", path);
        Assert.Equal("Bearer test-token-https://cognitiveservices.azure.com/.default", authorization);
    }

    [Fact]
    public void NoEndpoint_RegistersNoChatClient()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddEdTechChatClient(new ConfigurationBuilder().Build());

        using var provider = services.BuildServiceProvider();

        Assert.Null(provider.GetService<IChatClient>());
    }

    [Theory]
    [InlineData("https://x.openai.azure.com/", null, "OpenAI:Deployment")]
    [InlineData("not a url", "d", "OpenAI:Endpoint")]
    [InlineData("https://x.openai.azure.com/", "d", "OpenAI:MaxRetries")]
    public void BadSettings_FailFastNamingTheSetting(string endpoint, string? deployment, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenAI:Endpoint"] = endpoint,
            ["OpenAI:Deployment"] = deployment,
            ["OpenAI:MaxRetries"] = named == "OpenAI:MaxRetries" ? "-1" : null,
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddEdTechChatClient(configuration));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(FakeAzureOpenAi server, int maxRetries, int timeoutSeconds = 30)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenAI:Endpoint"] = server.Endpoint.ToString(),
            ["OpenAI:Deployment"] = "my-deployment",
            ["OpenAI:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OpenAI:RetryDelayMilliseconds"] = "10",
            ["OpenAI:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TokenCredential>(new TestCredential());
        services.AddEdTechChatClient(configuration);
        return services.BuildServiceProvider();
    }
}
