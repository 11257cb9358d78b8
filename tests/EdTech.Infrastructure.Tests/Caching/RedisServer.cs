using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdTech.Infrastructure.Tests.Caching;

/// <summary>A throwaway redis-server child process on 127.0.0.1 (no persistence) that a test can kill and restart.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static string? BinaryPath
    {
        get
        {
            if (Environment.GetEnvironmentVariable("EDTECH_REDIS_SERVER") is { Length: > 0 } configured)
            {
                return File.Exists(configured) ? configured : null;
            }

            var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, "redis-server"))
                .FirstOrDefault(File.Exists);
        }
    }

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort());
        await server.RestartAsync();
        return server;
    }

    public async Task RestartAsync()
    {
        var binary = BinaryPath ?? throw new InvalidOperationException("redis-server is not installed (apt-get install -y redis-server).");
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no" })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await PingAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not answer PING (exited: {_process.HasExited}).");
            }

            await Task.Delay(50);
        }
    }

    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>SIGSTOP / SIGCONT: the server keeps its connections but stops answering (a hung Redis).</summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    public Task ResumeAsync() => SignalAsync("-CONT");

    public async ValueTask DisposeAsync()
    {
        await ResumeAsync();
        await KillAsync();
    }

    private async Task SignalAsync(string signal)
    {
        if (_process is { HasExited: false } process)
        {
            using var kill = Process.Start("kill", [signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            await client.ConnectAsync(IPAddress.Loopback, Port, cts.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cts.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, cts.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
