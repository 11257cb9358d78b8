namespace EdTech.Infrastructure.Tests.Caching;

/// <summary>
/// A fact that needs the <c>redis-server</c> binary (the test starts its own instances on 127.0.0.1).
/// Skipped with the reason when it is not installed, unless EDTECH_REQUIRE_SERVICES=1 (CI), where it runs
/// and fails instead of hiding the gap.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (!Required && RedisServer.BinaryPath is null)
        {
            Skip = "redis-server is not installed (apt-get install -y redis-server, or set EDTECH_REDIS_SERVER to its path); CI sets EDTECH_REQUIRE_SERVICES=1 and runs this.";
        }
    }

    public static bool Required => Environment.GetEnvironmentVariable("EDTECH_REQUIRE_SERVICES") == "1";
}
