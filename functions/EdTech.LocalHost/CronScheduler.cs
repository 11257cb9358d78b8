using Cronos;
using EdTech.Bff.Composition;

namespace EdTech.LocalHost;

/// <summary>The LocalHost's stand-in for timer triggers: runs every <see cref="ScheduledJobs"/> entry on its cron schedule.</summary>
public sealed class CronScheduler(IServiceProvider services, IConfiguration configuration, TimeProvider clock, ILogger<CronScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ScheduledJobs.All.Select(job => RunAsync(job, stoppingToken)));

    private async Task RunAsync(ScheduledJob job, CancellationToken ct)
    {
        var schedule = CronExpression.Parse(configuration[job.ScheduleSetting] ?? job.DefaultSchedule, CronFormat.IncludeSeconds);
        while (!ct.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            if (schedule.GetNextOccurrence(now.UtcDateTime, TimeZoneInfo.Utc) is not { } next)
            {
                return;
            }

            await Task.Delay(next - now.UtcDateTime, clock, ct).ConfigureAwait(false);
            try
            {
                await job.RunAsync(services, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Scheduled job {Job} failed", job.Name);
            }
        }
    }
}
