using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using StackExchange.Redis.Configuration;

namespace EdTech.Infrastructure.Caching;

/// <summary>
/// A Redis connection signed in with Microsoft Entra ID that stays signed in:
/// <list type="bullet">
/// <item>every handshake (the first connect and each reconnect) reads the user and password from
/// <see cref="RedisEntraToken.Current"/> through the options' <see cref="DefaultOptionsProvider"/>;</item>
/// <item>at the token's refresh time a timer gets a new token and sends <c>AUTH user token</c> on every connected
/// server, so connections that outlive a token are not dropped by the server when it expires.</item>
/// </list>
/// A failed refresh is logged and retried (every <see cref="RetryDelay"/>) while the old token is still valid.
/// </summary>
public sealed partial class RedisEntraConnection : IAsyncDisposable
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(15);

    private readonly RedisEntraToken _token;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private bool _disposed;

    private RedisEntraConnection(IConnectionMultiplexer connection, RedisEntraToken token, TimeProvider time, ILogger logger)
    {
        Connection = connection;
        _token = token;
        _time = time;
        _logger = logger;
    }

    public IConnectionMultiplexer Connection { get; }

    /// <summary>Makes every handshake of <paramref name="options"/> sign in with the token's current user and password.</summary>
    public static ConfigurationOptions UseEntra(ConfigurationOptions options, RedisEntraToken token)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Defaults = new EntraOptionsProvider(token);
        return options;
    }

    /// <summary>Gets the first token, connects with it, and keeps the connection signed in until disposed.</summary>
    public static async Task<RedisEntraConnection> ConnectAsync(ConfigurationOptions options, RedisEntraToken token, TimeProvider time, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        await token.GetAsync(cancellationToken).ConfigureAwait(false);
        var connection = await ConnectionMultiplexer.ConnectAsync(UseEntra(options, token)).ConfigureAwait(false);
        var session = new RedisEntraConnection(connection, token, time, logger);
        session.ScheduleAt(token.Current!.RefreshAt);
        return session;
    }

    /// <summary>Gets a new token now (if due) and signs every connected server in with it; what the timer runs.</summary>
    public async Task RefreshAsync()
    {
        try
        {
            var credentials = await _token.GetAsync().ConfigureAwait(false);
            foreach (var endpoint in Connection.GetEndPoints())
            {
                var server = Connection.GetServer(endpoint);
                if (server.IsConnected)
                {
                    await server.ExecuteAsync("AUTH", credentials.User, credentials.Password).ConfigureAwait(false);
                }
            }

            LogRefreshed(_logger, credentials.ExpiresOn);
            ScheduleAt(credentials.RefreshAt);
        }
#pragma warning disable CA1031 // a timer callback: any failure is logged and retried, never thrown into the timer
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogRefreshFailed(_logger, error, RetryDelay.TotalSeconds);
            ScheduleAt(_time.GetUtcNow() + RetryDelay);
        }
    }

    private void ScheduleAt(DateTimeOffset due)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _timer?.Dispose();
            var delay = due - _time.GetUtcNow();
            _timer = _time.CreateTimer(_ => _ = RefreshAsync(), null, delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
        }

        await Connection.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis: Microsoft Entra token renewed on every connection; it expires at {ExpiresOn}")]
    private static partial void LogRefreshed(ILogger logger, DateTimeOffset expiresOn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis: renewing the Microsoft Entra token failed; retrying in {RetrySeconds} s")]
    private static partial void LogRefreshFailed(ILogger logger, Exception error, double retrySeconds);

    /// <summary>The user and password of every handshake: whatever token is current at that moment.</summary>
    private sealed class EntraOptionsProvider(RedisEntraToken token) : DefaultOptionsProvider
    {
        public override string? User => token.Current?.User;

        public override string? Password => token.Current?.Password;
    }
}
