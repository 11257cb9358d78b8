using System.Globalization;
using System.Net;
using System.Text;
using Azure.Core;
using EdTech.Infrastructure.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace EdTech.Infrastructure.Tests.Caching;

/// <summary>
/// Microsoft Entra ID sign-in to Redis (Azure Managed Redis, access keys off): the token is the password, the
/// identity's object id the user, renewed before it expires on live connections and used by every reconnect.
/// </summary>
public sealed class RedisEntraTests
{
    private const string ObjectId = "5f0c3c1e-1111-2222-3333-444455556666";

    [Fact]
    public async Task GetAsync_BeforeRefreshTime_ReusesToken_FromRefreshTime_GetsNewOne()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var credential = new FakeCredential(time, TimeSpan.FromMinutes(60));
        using var token = new RedisEntraToken(credential, time);

        var first = await token.GetAsync();
        time.Advance(TimeSpan.FromMinutes(49));
        var stillFirst = await token.GetAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        var second = await token.GetAsync();

        Assert.Same(first, stillFirst);
        Assert.Equal(2, credential.Calls);
        Assert.NotEqual(first.Password, second.Password);
        Assert.Equal(first.ExpiresOn - RedisEntraToken.MaxRefreshMargin, first.RefreshAt);
        Assert.True(second.RefreshAt < second.ExpiresOn);
        Assert.Equal(RedisEntraToken.Scope, Assert.Single(credential.Scopes.Distinct()));
    }

    [Fact]
    public async Task GetAsync_ShortLivedToken_RefreshesWithAQuarterOfItsLifetimeLeft()
    {
        var time = new FakeTimeProvider();
        using var token = new RedisEntraToken(new FakeCredential(time, TimeSpan.FromMinutes(8)), time);

        var credentials = await token.GetAsync();

        Assert.Equal(credentials.ExpiresOn - TimeSpan.FromMinutes(2), credentials.RefreshAt);
    }

    [Fact]
    public async Task GetAsync_UserIsTheTokensObjectId()
    {
        var time = new FakeTimeProvider();
        using var token = new RedisEntraToken(new FakeCredential(time, TimeSpan.FromHours(1)), time);

        Assert.Equal(ObjectId, (await token.GetAsync()).User);
        Assert.Throws<InvalidOperationException>(() => RedisEntraToken.ObjectId("not-a-jwt"));
    }

    [Fact]
    public void RedisConfiguration_FromHostNameSettings_IsTlsToThatHostAndPort()
    {
        var options = EdTechCacheOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:HostName"] = "amr-abc.westeurope.redis.azure.net",
            ["Redis:Port"] = "10000",
            ["Redis:ClientId"] = "00000000-0000-0000-0000-0000000000c1",
        }).Build());

        var configuration = EdTechCacheServiceCollectionExtensions.RedisConfiguration(options);

        var endpoint = Assert.IsType<DnsEndPoint>(Assert.Single(configuration.EndPoints));
        Assert.Equal(("amr-abc.westeurope.redis.azure.net", 10000), (endpoint.Host, endpoint.Port));
        Assert.True(configuration.Ssl);
        Assert.True(options.UsesRedis);
        Assert.Equal("00000000-0000-0000-0000-0000000000c1", options.RedisClientId);
    }

    [Theory]
    [InlineData("Redis:Port", "ten-thousand")]
    [InlineData("Redis:ConnectionString", "127.0.0.1:6379")]
    public void From_HostNameWithBadCompanion_FailsNamingTheSetting(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => EdTechCacheOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:HostName"] = "amr-abc.westeurope.redis.azure.net",
            [key] = value,
        }).Build()));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A real redis-server whose only usable user is the identity's object id with the token as password: the
    /// connection signs in; after the password is rotated on the server and the refresh time passes, AUTH is
    /// sent on the live connection, and a connection killed by the server comes back signed in with the new token.
    /// </summary>
    [RedisFact]
    public async Task Connection_SignsInWithToken_ReAuthenticatesBeforeExpiry_AndReconnectsWithTheNewToken()
    {
        await using var redis = await RedisServer.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var credential = new FakeCredential(time, TimeSpan.FromMinutes(60));
        using var token = new RedisEntraToken(credential, time);
        var first = credential.Peek();
        await using (var setup = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            var db = setup.GetDatabase();
            await db.ExecuteAsync("ACL", "SETUSER", "admin", "on", ">admin-secret", "~*", "&*", "+@all");
            await db.ExecuteAsync("ACL", "SETUSER", ObjectId, "on", ">" + first, "~*", "&*", "+@all");
            await db.ExecuteAsync("ACL", "SETUSER", "default", "off");
        }

        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",user=admin,password=admin-secret,allowAdmin=true");
        var options = ConfigurationOptions.Parse(redis.ConnectionString);
        options.AbortOnConnectFail = false;
        options.ReconnectRetryPolicy = new LinearRetry(200);
        await using var app = await RedisEntraConnection.ConnectAsync(options, token, time, NullLogger.Instance);

        Assert.Equal(ObjectId, (string?)await app.Connection.GetDatabase().ExecuteAsync("ACL", "WHOAMI"));
        await app.Connection.GetDatabase().StringSetAsync("k", "v");

        var second = credential.Peek();
        await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", ObjectId, "resetpass", ">" + second);
        var authsBefore = await AuthCallsAsync(admin);
        time.Advance(TimeSpan.FromMinutes(51));
        await EventuallyAsync(async () => await AuthCallsAsync(admin) > authsBefore, "AUTH was not sent on the live connection after the refresh time");
        Assert.Equal(second, token.Current!.Password);

        await admin.GetDatabase().ExecuteAsync("CLIENT", "KILL", "USER", ObjectId);
        await EventuallyAsync(
            async () =>
            {
                try
                {
                    return (string?)await app.Connection.GetDatabase().ExecuteAsync("ACL", "WHOAMI") == ObjectId;
                }
                catch (RedisException)
                {
                    return false;
                }
            },
            "the connection did not come back signed in with the renewed token");
        Assert.Equal("v", (string?)await app.Connection.GetDatabase().StringGetAsync("k"));
    }

    private static async Task<long> AuthCallsAsync(IConnectionMultiplexer admin)
    {
        var info = (string?)await admin.GetDatabase().ExecuteAsync("INFO", "commandstats") ?? "";
        var line = info.Split('\n').FirstOrDefault(l => l.StartsWith("cmdstat_auth:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split("calls=")[1].Split(',')[0], CultureInfo.InvariantCulture);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100);
        }
    }

    /// <summary>Hands out JWT-shaped tokens (oid claim, a new value each call) valid for <paramref name="lifetime"/> from now.</summary>
    private sealed class FakeCredential(TimeProvider time, TimeSpan lifetime) : TokenCredential
    {
        private int _issued;

        public int Calls { get; private set; }

        public List<string> Scopes { get; } = [];

        /// <summary>The token the next call will return.</summary>
        public string Peek() => Jwt(_issued + 1);

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Calls++;
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken(Jwt(++_issued), time.GetUtcNow() + lifetime);
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));

        private static string Jwt(int serial) =>
            $"{Base64Url("{\"alg\":\"none\"}")}.{Base64Url($"{{\"oid\":\"{ObjectId}\",\"serial\":{serial}}}")}.sig{serial}";

        private static string Base64Url(string json) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
