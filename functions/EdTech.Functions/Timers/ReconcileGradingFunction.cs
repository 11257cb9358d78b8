using EdTech.Application.Grading;
using EdTech.Application.Grading.Review;
using EdTech.Application.Storage;
using EdTech.Orchestrations.Grading;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace EdTech.Functions.Timers;

/// <summary>
/// Heals anything the change-feed trigger missed: re-drives accepted-but-unfinished submissions.
/// Schedule from the app setting RECONCILE_GRADING_SCHEDULE (ScheduledJobs.ReconcileGrading; the LocalHost runs the same job).
/// The durable client comes from the binding here, so the reconciler is built with it rather than taken from DI.
/// </summary>
public sealed class ReconcileGradingFunction(IDocumentStore store, ReviewReminderSettings review, TimeProvider clock, ILoggerFactory loggers)
{
    [Function("ReconcileGrading")]
    public Task Run([TimerTrigger("%RECONCILE_GRADING_SCHEDULE%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct) =>
        new UnfinishedGradingReconciler(store, new DurableGradingWorkflow(client, review, loggers.CreateLogger<DurableGradingWorkflow>()), clock, loggers.CreateLogger<UnfinishedGradingReconciler>()).ReconcileAsync(ct);
}
