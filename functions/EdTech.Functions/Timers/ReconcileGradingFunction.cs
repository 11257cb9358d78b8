using EdTech.Bff.Composition;
using EdTech.Orchestrations.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EdTech.Functions.Timers;

/// <summary>
/// Heals anything the change-feed trigger missed: re-drives accepted-but-unfinished submissions.
/// Schedule from the app setting RECONCILE_GRADING_SCHEDULE (ScheduledJobs.ReconcileGrading; the LocalHost runs the same job).
/// The durable client comes from the binding, bound for the job's workflows (InvocationDurableClientSource).
/// </summary>
public sealed class ReconcileGradingFunction(IServiceProvider services, InvocationDurableClientSource durable)
{
    [Function("ReconcileGrading")]
    public async Task Run([TimerTrigger("%RECONCILE_GRADING_SCHEDULE%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        using var bound = durable.Bind(client);
        await ScheduledJobs.ReconcileGrading.RunAsync(services, ct).ConfigureAwait(false);
    }
}
