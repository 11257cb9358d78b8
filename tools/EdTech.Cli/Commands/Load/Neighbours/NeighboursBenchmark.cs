using System.Security.Cryptography;
using EdTech.Infrastructure.Identity;

namespace EdTech.Cli.Commands.Load.Neighbours;

public sealed record NeighboursOptions(Uri Url, string DataDirectory, int Concurrency, double Ratio, double QuietRate, TimeSpan PhaseDuration, int Students, double MaxIncreasePercent);

/// <summary>
/// Two tenants set up like the exam benchmark. The quiet one reads its assessment at a fixed rate, first
/// alone, then while the noisy one reads at ratio× that rate with ratio× the connections; compares p99s.
/// </summary>
public sealed class NeighboursBenchmark(TextWriter log)
{
    public async Task<int> RunAsync(NeighboursOptions options, CancellationToken cancellationToken)
    {
        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var noisyConcurrency = (int)Math.Ceiling(options.Concurrency * options.Ratio);
        // Separate clients, as separate schools' apps would be: the noisy one cannot starve the quiet one's connection pool.
        using var quietApi = new LoadApi(options.Url, options.Concurrency);
        using var noisyApi = new LoadApi(options.Url, noisyConcurrency);
        var issuer = LocalTokenIssuer.ForDataDirectory(options.DataDirectory);
        var quietSetup = new ExamSetup(quietApi, issuer, log);
        ExamFixture quiet, noisy;
        try
        {
            quiet = await quietSetup.RunAsync($"quiet-{runId}", options.Students, runId, cancellationToken);
            noisy = await new ExamSetup(noisyApi, issuer, log).RunAsync($"noisy-{runId}", options.Students, runId, cancellationToken);
        }
        catch (Exception ex) when (ex is SetupFailedException or HttpRequestException)
        {
            log.WriteLine($"setup failed: {ex.Message}");
            return 2;
        }

        var quietErrors = new ErrorSamples("quiet");
        var noisyErrors = new ErrorSamples("noisy");
        var quietReads = Reads(quietApi, quietSetup, quiet, quietErrors);
        var noisyReads = Reads(noisyApi, quietSetup, noisy, noisyErrors);
        var warmUp = TimeSpan.FromSeconds(Math.Min(2, options.PhaseDuration.TotalSeconds));
        log.WriteLine($"warm-up: {warmUp.TotalSeconds:F0} s, both tenants");
        await Task.WhenAll(
            new PacedReads(quietApi, quietReads.Path, quietReads.Tokens, new ErrorSamples("warm-up")).RunAsync(options.QuietRate, options.Concurrency, warmUp, () => false, cancellationToken),
            new PacedReads(noisyApi, noisyReads.Path, noisyReads.Tokens, new ErrorSamples("warm-up")).RunAsync(options.QuietRate, noisyConcurrency, warmUp, () => false, cancellationToken));

        log.WriteLine($"alone: quiet tenant at {options.QuietRate} req/s for {options.PhaseDuration.TotalSeconds:F0} s");
        var alone = await quietReads.Reads.RunAsync(options.QuietRate, options.Concurrency, options.PhaseDuration, () => false, cancellationToken);

        log.WriteLine($"shared: quiet at {options.QuietRate} req/s, noisy at {options.QuietRate * options.Ratio} req/s");
        var quietDone = 0;
        var noisyTask = noisyReads.Reads.RunAsync(options.QuietRate * options.Ratio, noisyConcurrency, options.PhaseDuration, () => Volatile.Read(ref quietDone) == 1, cancellationToken);
        var shared = await quietReads.Reads.RunAsync(options.QuietRate, options.Concurrency, options.PhaseDuration, () => false, cancellationToken);
        Volatile.Write(ref quietDone, 1);
        var noisyResult = await noisyTask;
        quietErrors.Print(log);
        noisyErrors.Print(log);

        var aloneStats = LatencyStats.Of(alone.OkLatenciesMs);
        var sharedStats = LatencyStats.Of(shared.OkLatenciesMs);
        var report = new NeighboursReport(
            quiet.Tenant, noisy.Tenant, options.Concurrency, options.Ratio, options.QuietRate, options.PhaseDuration.TotalSeconds,
            aloneStats.Count, aloneStats.P50, aloneStats.P99, sharedStats.Count, sharedStats.P50, sharedStats.P99,
            NeighboursReport.IncreasePercent(aloneStats.P99, sharedStats.P99), quietErrors.Count + alone.Throttled + shared.Throttled,
            noisyResult.Sent, noisyResult.PerSecond, noisyResult.Throttled, noisyResult.Errors, options.MaxIncreasePercent);
        report.Print(log);
        return report.Passed ? 0 : 1;
    }

    private static (string Path, string[] Tokens, PacedReads Reads) Reads(LoadApi api, ExamSetup setup, ExamFixture fixture, ErrorSamples errors)
    {
        var path = $"/api/student/assessments/{Uri.EscapeDataString(fixture.AssessmentId)}";
        var tokens = fixture.StudentIds.Select(s => setup.MintStudent(fixture.Tenant, s)).ToArray();
        return (path, tokens, new PacedReads(api, path, tokens, errors));
    }
}
