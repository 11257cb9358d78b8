using System.Collections.Concurrent;
using System.Net.Sockets;

namespace EdTech.Infrastructure.Tests.Services;

/// <summary>
/// For tests against a real local server (started by <c>.ci/run</c>). When it is not listening, the tests
/// are skipped with the reason, unless <c>EDTECH_REQUIRE_SERVICES=1</c> (CI): then they run and fail.
/// </summary>
public static class RequiredService
{
    private static readonly ConcurrentDictionary<Uri, bool> Reachable = new();

    public static bool IsRequired => Environment.GetEnvironmentVariable("EDTECH_REQUIRE_SERVICES") == "1";

    /// <summary>Why the tests that need <paramref name="endpoint"/> are skipped; null when they run.</summary>
    public static string? SkipReason(string service, Uri endpoint, string howToStart) =>
        IsRequired || IsReachable(endpoint)
            ? null
            : $"{service} is not listening at {endpoint} ({howToStart}). Set EDTECH_REQUIRE_SERVICES=1 to fail instead of skipping.";

    /// <summary>Throws, naming the service, when it is not listening (so a required-service test fails clearly).</summary>
    public static void EnsureReachable(string service, Uri endpoint, string howToStart)
    {
        if (!IsReachable(endpoint))
        {
            throw new InvalidOperationException($"{service} is not listening at {endpoint}: {howToStart}.");
        }
    }

    private static bool IsReachable(Uri endpoint) => Reachable.GetOrAdd(endpoint, static uri =>
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(uri.Host, uri.Port).Wait(TimeSpan.FromSeconds(2)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    });
}
