using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using Azure.Core;
using EdTech.Infrastructure.Ai;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdTech.Infrastructure.Tests.Ai;

/// <summary>The one retry layer of the chat client: which failures are retried, how long it waits (on a fake clock), when it gives up.</summary>
public sealed class RetryingChatClientTests
{
    private static readonly ChatRetryOptions Options = new(MaxRetries: 3, BaseDelay: TimeSpan.FromSeconds(1), MaxDelay: TimeSpan.FromSeconds(30), MaxTotal: TimeSpan.FromSeconds(60));

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2030-03-01T00:00:00Z", null));
    private readonly TimerWatch _timers;

    public RetryingChatClientTests() => _timers = new TimerWatch(_clock);

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task StatusFailure_ThenSuccess_IsRetriedAfterTheBackoff_WithoutSleeping(int status)
    {
        var inner = new FailingThenOk(new ClientResultException("busy", Response(status)));
        using var client = Client(inner, random: 0);

        var call = client.GetResponseAsync("hello");
        await inner.Called(1);
        // The backoff's timer must exist before the clock moves (else the advance is missed and the wait starts later).
        await _timers.Created(1);
        _clock.Advance(TimeSpan.FromMilliseconds(499));
        await Task.Yield();
        Assert.False(call.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("ok", (await call).Text);
        Assert.Equal(2, inner.Calls);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    public async Task ClientError_IsNotRetried(int status)
    {
        var inner = new FailingThenOk(new ClientResultException("no", Response(status)));
        using var client = Client(inner);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("hello"));

        Assert.Equal(status, error.Status);
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task PersistentFailure_GivesUpAfterMaxRetries_AndRethrows()
    {
        var inner = new FailingThenOk(new ClientResultException("busy", Response(503)), failures: 10);
        using var client = Client(inner, random: 0);

        var call = client.GetResponseAsync("hello");
        for (var i = 0; i < 5 && !call.IsCompleted; i++)
        {
            await inner.Called(i + 1);
            await Task.WhenAny(_timers.Created(i + 1), call);
            _clock.Advance(TimeSpan.FromSeconds(5));
        }

        await Assert.ThrowsAsync<ClientResultException>(() => call);
        Assert.Equal(Options.MaxRetries + 1, inner.Calls);
    }

    [Fact]
    public void NextDelay_IsExponentialWithJitter_HalfFixedHalfRandom_AndCapped()
    {
        var error = new ClientResultException("busy", Response(429));
        using var low = Client(new FailingThenOk(error), random: 0);
        using var high = Client(new FailingThenOk(error), random: 1);

        Assert.Equal(TimeSpan.FromSeconds(0.5), low.NextDelay(error, 1, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(1), high.NextDelay(error, 1, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(2), low.NextDelay(error, 3, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(4), high.NextDelay(error, 3, TimeSpan.Zero));
        using var many = new RetryingChatClient(new FailingThenOk(error), Options with { MaxRetries = 10 }, _clock, NullLogger<RetryingChatClient>.Instance, () => 1);
        Assert.Equal(TimeSpan.FromSeconds(30), many.NextDelay(error, 10, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("retry-after-ms", "7000", 7)]
    [InlineData("Retry-After", "12", 12)]
    [InlineData("Retry-After", "Fri, 01 Mar 2030 00:00:20 GMT", 20)]
    public void NextDelay_ServerAsksForLonger_WaitsWhatTheServerSays(string header, string value, int seconds)
    {
        var error = new ClientResultException("busy", Response(429, (header, value)));
        using var client = Client(new FailingThenOk(error), random: 1);

        Assert.Equal(TimeSpan.FromSeconds(seconds), client.NextDelay(error, 1, TimeSpan.Zero));
    }

    [Fact]
    public void NextDelay_ServerAsksForMoreThanTheCap_GivesUp_SoTheFallbackRunsNow()
    {
        var error = new ClientResultException("busy", Response(429, ("Retry-After", "45")));
        using var client = Client(new FailingThenOk(error));

        Assert.Null(client.NextDelay(error, 1, TimeSpan.Zero));
    }

    [Fact]
    public void NextDelay_WaitWouldEndPastTheTotalBound_GivesUp()
    {
        var error = new ClientResultException("busy", Response(503));
        using var client = Client(new FailingThenOk(error), random: 0);

        Assert.Equal(TimeSpan.FromSeconds(0.5), client.NextDelay(error, 1, TimeSpan.FromSeconds(59.5)));
        Assert.Null(client.NextDelay(error, 1, TimeSpan.FromSeconds(59.6)));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    public void HttpRequestException_StatusCode_IsReadToo(HttpStatusCode status, bool transient)
    {
        var error = new HttpRequestException("failed", null, status);

        Assert.Equal((int)status, RetryingChatClient.StatusOf(error));
        Assert.Equal(transient, RetryingChatClient.IsTransient(error));
    }

    [Fact]
    public void NetworkErrorWithoutStatus_IsTransient_ButAnUnrelatedBugIsNot()
    {
        Assert.True(RetryingChatClient.IsTransient(new HttpRequestException("connection refused")));
        Assert.True(RetryingChatClient.IsTransient(new TaskCanceledException("network timeout")));
        Assert.False(RetryingChatClient.IsTransient(new InvalidOperationException("bug")));
    }

    [Fact]
    public async Task CallerCancels_DuringTheWait_StopsWithoutAnotherAttempt()
    {
        var inner = new FailingThenOk(new ClientResultException("busy", Response(503)));
        using var client = Client(inner);
        using var cts = new CancellationTokenSource();

        var call = client.GetResponseAsync("hello", cancellationToken: cts.Token);
        await inner.Called(1);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task AzureOpenAiSdk_SurfacesTheStatusAndRetryAfter_AsClientResultException_WithItsOwnRetriesOff()
    {
        await using var server = await FakeAzureOpenAi.StartAsync(429, 200);
        var settings = new OpenAiSettings(server.Endpoint, "my-deployment", 3, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60));
        using var bare = ChatClientServiceCollectionExtensions.CreateInner(settings, new StaticCredential());
        using var client = new RetryingChatClient(bare, ChatClientServiceCollectionExtensions.RetryOptions(settings), TimeProvider.System, NullLogger<RetryingChatClient>.Instance);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => bare.GetResponseAsync("hello"));

        Assert.Single(server.Requests); // the SDK did not retry by itself
        Assert.Equal(429, RetryingChatClient.StatusOf(error));
        Assert.Equal(TimeSpan.FromMilliseconds(10), client.ServerDelay(error));
    }

    private RetryingChatClient Client(IChatClient inner, double random = 0.5) =>
        new(inner, Options, _timers, NullLogger<RetryingChatClient>.Instance, () => random);

    /// <summary>The fake clock, telling the test when the client has created its backoff timer (a race the test would otherwise lose under load).</summary>
    private sealed class TimerWatch(FakeTimeProvider inner) : TimeProvider
    {
        private readonly SemaphoreSlim _created = new(0);
        private int _count;
        private int _seen;

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = inner.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _count);
            _created.Release();
            return timer;
        }

        public async Task Created(int times)
        {
            while (Volatile.Read(ref _count) < times || _seen < times)
            {
                Assert.True(await _created.WaitAsync(TimeSpan.FromSeconds(10)), "The client created no backoff timer in time.");
                _seen++;
            }
        }
    }

    private static PipelineResponse Response(int status, params (string Name, string Value)[] headers) => new FakeResponse(status, headers);

    private sealed class StaticCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("t", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Throws <paramref name="error"/> for the first <paramref name="failures"/> calls, then answers "ok".</summary>
    private sealed class FailingThenOk(Exception error, int failures = 1) : IChatClient
    {
        private readonly SemaphoreSlim _called = new(0);
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public async Task Called(int times)
        {
            while (Calls < times)
            {
                Assert.True(await _called.WaitAsync(TimeSpan.FromSeconds(10)), "The inner client was not called in time.");
            }
        }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var n = Interlocked.Increment(ref _calls);
            _called.Release();
            return n <= failures ? Task.FromException<ChatResponse>(error) : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() => _called.Dispose();
    }

    private sealed class FakeResponse(int status, (string Name, string Value)[] headers) : PipelineResponse
    {
        public override int Status => status;

        public override string ReasonPhrase => "test";

        public override Stream? ContentStream { get; set; } = new MemoryStream();

        public override BinaryData Content => BinaryData.FromString("{}");

        protected override PipelineResponseHeaders HeadersCore => new Headers(headers);

        public override BinaryData BufferContent(CancellationToken cancellationToken = default) => Content;

        public override ValueTask<BinaryData> BufferContentAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Content);

        public override void Dispose() => ContentStream?.Dispose();
    }

    private sealed class Headers((string Name, string Value)[] headers) : PipelineResponseHeaders
    {
        public override bool TryGetValue(string name, out string? value)
        {
            value = headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
            return value is not null;
        }

        public override bool TryGetValues(string name, out IEnumerable<string>? values)
        {
            values = TryGetValue(name, out var value) ? [value!] : null;
            return values is not null;
        }

        public override IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
            headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).GetEnumerator();
    }
}
