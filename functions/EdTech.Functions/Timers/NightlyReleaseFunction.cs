using EdTech.Bff.Composition;
using EdTech.Orchestrations.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EdTech.Functions.Timers;

/// <summary>
/// Hourly; releases due results for tenants whose local nightly hour just passed. Schedule from the app setting
/// NIGHTLY_RELEASE_SCHEDULE (ScheduledJobs.NightlyRelease; the LocalHost runs the same job). Durable client from the binding.
/// </summary>
public sealed class NightlyReleaseFunction(IServiceProvider services, InvocationDurableClientSource durable)
{
    [Function("NightlyRelease")]
    public async Task Run([TimerTrigger("%NIGHTLY_RELEASE_SCHEDULE%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        using var bound = durable.Bind(client);
        await ScheduledJobs.NightlyRelease.RunAsync(services, ct).ConfigureAwait(false);
    }
}
