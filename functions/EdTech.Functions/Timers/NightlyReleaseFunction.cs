using EdTech.Application.Grading;
using EdTech.Application.Storage;
using EdTech.Orchestrations.Release;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace EdTech.Functions.Timers;

/// <summary>
/// Hourly; releases due results for tenants whose local nightly hour just passed. Schedule from the app setting
/// NIGHTLY_RELEASE_SCHEDULE (ScheduledJobs.NightlyRelease; the LocalHost runs the same job). Durable client from the binding.
/// </summary>
public sealed class NightlyReleaseFunction(IDocumentStore store, NightlyReleaseSettings settings, TimeProvider clock, ILoggerFactory loggers)
{
    [Function("NightlyRelease")]
    public Task Run([TimerTrigger("%NIGHTLY_RELEASE_SCHEDULE%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct) =>
        new NightlyReleaser(store, new DueResultsReleaser(store, new DurableReleaseWorkflow(client), clock, loggers.CreateLogger<DueResultsReleaser>()),
            settings, clock, loggers.CreateLogger<NightlyReleaser>()).ReleaseAsync(ct);
}
