using EdTech.Application.Grading;

namespace EdTech.LocalHost;

/// <summary>
/// The in-process engine keeps instances in memory, so after a crash or restart the acknowledged
/// submissions whose workflow had not finished are started again (idempotently).
/// </summary>
public sealed class StartupReconciliation(UnfinishedGradingReconciler reconciler) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => reconciler.ReconcileAsync(stoppingToken);
}
