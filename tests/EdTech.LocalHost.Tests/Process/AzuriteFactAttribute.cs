using System.Net.Sockets;

namespace EdTech.LocalHost.Tests.Process;

/// <summary>
/// A fact that needs Azurite (Blob/Queue/Table on 127.0.0.1:10000-10002, e.g. started by
/// .ci/services/azurite.sh). Skipped with the reason when nothing listens there, unless
/// EDTECH_REQUIRE_SERVICES=1 (CI), where it runs and fails instead of hiding the gap.
/// </summary>
public sealed class AzuriteFactAttribute : FactAttribute
{
    public static readonly int[] Ports = [10000, 10001, 10002];

    public AzuriteFactAttribute()
    {
        if (!Required && !Listening())
        {
            Skip = "Azurite is not running on 127.0.0.1:10000-10002 (start it with `source .ci/services/azurite.sh`; CI sets EDTECH_REQUIRE_SERVICES=1 and runs this).";
        }
    }

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("EDTECH_AZURITE_CONNECTION_STRING") is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";

    public static bool Required => Environment.GetEnvironmentVariable("EDTECH_REQUIRE_SERVICES") == "1";

    private static bool Listening() => Ports.All(port =>
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromMilliseconds(300)) && client.Connected;
        }
        catch (Exception ex) when (ex is SocketException or AggregateException)
        {
            return false;
        }
    });
}
