using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EdTech.LocalHost.Tests.Process;

/// <summary>
/// The real LocalHost as a child process (<c>dotnet EdTech.LocalHost.dll --urls ... --data ...</c>) on a
/// free loopback port. Always killed on dispose; its console output is kept for failure messages.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private const int KeptLines = 20_000;
    private readonly System.Diagnostics.Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private LocalHostProcess(System.Diagnostics.Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Process start to the first 200 from /api/health.</summary>
    public TimeSpan StartupTime { get; private set; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static async Task<LocalHostProcess> StartAsync(string dataDirectory, TimeSpan healthTimeout, params string[] extraArgs)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "EdTech.LocalHost.dll");
        Assert.True(File.Exists(dll), $"{dll} not found: the test project must reference EdTech.LocalHost.");
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--urls", baseAddress.ToString().TrimEnd('/'), "--data", dataDirectory }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";

        var clock = Stopwatch.StartNew();
        var process = new System.Diagnostics.Process { StartInfo = info };
        var host = new LocalHostProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitForHealthAsync(healthTimeout);
            host.StartupTime = clock.Elapsed;
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL on Linux: no shutdown hooks, no flushing, exactly like a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Sends a Unix signal (TERM, INT) the way systemd or Ctrl+C would, and waits up to <paramref name="timeout"/> for exit.</summary>
    public async Task<bool> SignalAndWaitAsync(string signal, TimeSpan timeout)
    {
        using (var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits until a line of the host's output contains <paramref name="text"/> (checked every 10 ms).</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (clock.Elapsed > timeout || _process.HasExited)
            {
                throw new TimeoutException($"No output line with '{text}' within {timeout}:{Environment.NewLine}{RecentOutput()}");
            }

            await Task.Delay(10);
        }
    }

    public string RecentOutput(int lines = 200) => string.Join(Environment.NewLine, _output.TakeLast(lines));

    /// <summary>Warnings and errors the host logged (console format: a "warn:"/"fail:"/"crit:" line and the message lines after it).</summary>
    public IReadOnlyList<string> Problems()
    {
        var lines = _output.ToArray();
        var problems = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("warn:", StringComparison.Ordinal) || lines[i].StartsWith("fail:", StringComparison.Ordinal) || lines[i].StartsWith("crit:", StringComparison.Ordinal))
            {
                problems.Add(lines[i] + " " + (i + 1 < lines.Length ? lines[i + 1].Trim() : string.Empty));
            }
        }

        return problems;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitForHealthAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The LocalHost exited with {_process.ExitCode}:{Environment.NewLine}{RecentOutput()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer.
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"No 200 from /api/health within {timeout}:{Environment.NewLine}{RecentOutput()}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
