using EdTech.Bff.Composition;
using EdTech.Orchestrations.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EdTech.Functions.Timers;

/// <summary>
/// Starts ReleaseResults for assessments whose afterDue/scheduled release time has passed.
/// Schedule from the app setting RELEASE_DUE_SCHEDULE (ScheduledJobs.ReleaseDueResults; the LocalHost runs the same job).
/// The durable client comes from the binding, bound for the job's workflows (InvocationDurableClientSource).
/// </summary>
public sealed class ReleaseDueResultsFunction(IServiceProvider services, InvocationDurableClientSource durable)
{
    [Function("ReleaseDueResults")]
    public async Task Run([TimerTrigger("%RELEASE_DUE_SCHEDULE%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        using var bound = durable.Bind(client);
        await ScheduledJobs.ReleaseDueResults.RunAsync(services, ct).ConfigureAwait(false);
    }
}
