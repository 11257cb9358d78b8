using EdTech.Application.Commands;
using EdTech.Application.Content.Tagging.AutoTagging;
using EdTech.Application.Grading;

namespace EdTech.LocalHost;

/// <summary>
/// The in-process engine keeps instances in memory, so after a crash or restart the acknowledged
/// submissions and commands (release, regrade, calibration, tagging) whose workflow had not finished are
/// started again (idempotently) from their durable records, and change-feed tagging runs lost before their debounce
/// ended (AutoTaggingReconciler). A failure here is retried, never allowed to stop
/// the host: intake must stay up even if re-driving has to wait.
/// </summary>
public sealed class StartupReconciliation(
    UnfinishedGradingReconciler reconciler, UnfinishedCommandReconciler commands, AutoTaggingReconciler tagging, ILogger<StartupReconciliation> logger) : BackgroundService
{
    /// <summary>Logged once the reconcilers have re-driven everything unfinished.</summary>
    public const string DoneMessage = "Start-up reconciliation done";

    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await commands.ReconcileAsync(stoppingToken).ConfigureAwait(false);
                await reconciler.ReconcileAsync(stoppingToken).ConfigureAwait(false);
                await tagging.ReconcileAsync(stoppingToken).ConfigureAwait(false);
                // The positive signal that everything unfinished has been re-driven (the crash tests wait for it).
                logger.LogInformation(DoneMessage);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Start-up reconciliation failed; retrying in {Pause}", RetryPause);
                await Task.Delay(RetryPause, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
