namespace EdTech.LocalHost.Tests.Process;

public sealed class ShutdownTests
{
    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Signal_StopsTheHostCleanly_WithExitCodeZero(string signal)
    {
        var data = Path.Combine("/tmp", "edt-sig-" + Guid.NewGuid().ToString("n")[..8]);
        try
        {
            await using var host = await LocalHostProcess.StartAsync(data, TimeSpan.FromSeconds(30));

            var exited = await host.SignalAndWaitAsync(signal, TimeSpan.FromSeconds(10));

            Assert.True(exited, $"Still running 10 s after SIG{signal}:\n{host.RecentOutput()}");
            Assert.Equal(0, host.ExitCode);
            Assert.DoesNotContain(host.Problems(), p => p.StartsWith("fail:", StringComparison.Ordinal) || p.StartsWith("crit:", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
